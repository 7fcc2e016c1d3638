import ConvNumerics
import Testing

@Suite("Memory budget: reserving and wording")
struct MemoryBudgetReserveTests {
    @Test func overTheBudgetIsRefusedWithTheNumbers() {
        let budget = MemoryBudget(limit: 1_000)
        #expect(throws: MemoryRefusal.self) { try budget.reserve(2 << 20) }
        do {
            try budget.reserve(2 << 20)
        } catch {
            guard case .overBudget(let needed, let inUse, let limit) = error else { Issue.record("\(error)"); return }
            #expect(needed == 2 << 20)
            #expect(inUse == MemoryBudget.heapBytesInUse || inUse > 0)
            #expect(limit == 1_000)
        }
    }

    @Test func smallAllocationsAreNotChecked() throws {
        try MemoryBudget(limit: 1).reserve(MemoryBudget.minimumCheckedBytes - 1)
    }

    @Test func whatTheSystemCannotGrantIsRefusedNotTrapped() {
        #expect(throws: MemoryRefusal.systemRefused(needed: 1 << 55)) { try MemoryBudget.unlimited.reserve(1 << 55) }
    }

    @Test func kernelsRefuseOutputsTheBudgetHasNoRoomFor() {
        let input = Tensor(shape: [1, 1, 1 << 18], scalars: [Double](repeating: 1, count: 1 << 18))
        let weight = Tensor(shape: [64, 1, 1], scalars: [Double](repeating: 1, count: 64))
        guard let input, let weight else { Issue.record("tensors"); return }
        #expect(throws: ConvolutionError.self) {
            try Convolution.conv1d(input, weight: weight, bias: nil, parameters: ConvolutionParameters(),
                                   memory: MemoryBudget(limit: 1 << 20))
        }
    }

    @Test func byteCountsReadAsPeopleWriteThem() {
        #expect("\(ByteCount(512))" == "512 B")
        #expect("\(ByteCount(800_000_000))" == "800 MB")
        #expect("\(ByteCount(7_600_000_000))" == "7.6 GB")
        #expect("\(ByteCount(8_589_934_592))" == "8.6 GB")
        #expect("\(ByteCount(1_500))" == "1.5 KB")
        #expect("\(ByteCount(12_000_000_000))" == "12 GB")
    }
}
