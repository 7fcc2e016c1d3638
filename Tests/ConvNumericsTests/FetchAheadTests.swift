import Synchronization
import Testing
@testable import ConvNumerics

/// What the Winograd kernel fetches ahead while its products run: the queue tells each worker
/// its next unit, and the rows fetched for a unit are that unit's input, never outside it.
@Suite("Fetching ahead")
struct FetchAheadTests {
    @Test("The queue names each worker's next unit, and every unit runs once", arguments: [1, 2, 3, 5])
    func queueNamesTheNextUnit(workers: Int) {
        for units in [0, 1, 2, 7, 40, 41, 100] {
            let queue = WorkQueue(units: units, workers: workers)
            let seen = Mutex([[(unit: Int, following: Int?)]](repeating: [], count: workers))
            ParallelWork.run(workers: workers) { worker in
                var mine: [(unit: Int, following: Int?)] = []
                queue.forEachUnit { unit, following in
                    mine.append((unit, following))
                    return true
                }
                seen.withLock { $0[worker] = mine }
            }
            let perWorker = seen.withLock { $0 }
            let all = perWorker.flatMap { $0.map(\.unit) }.sorted()
            #expect(all == Array(0..<units), "\(units) units, \(workers) workers")
            for visits in perWorker {
                // Each unit's `following` is the unit this worker ran next, and the last has none.
                for (index, visit) in visits.enumerated() {
                    let next = index + 1 < visits.count ? visits[index + 1].unit : nil
                    #expect(visit.following == next, "\(units) units, \(workers) workers: after \(visit.unit)")
                }
            }
        }
    }

    @Test("A worker that stops is told of no more units")
    func stopping() {
        let queue = WorkQueue(units: 50, workers: 1)
        var ran: [Int] = []
        queue.forEachUnit { unit, _ in
            ran.append(unit)
            return unit < 9
        }
        #expect(ran == Array(0...9))
    }

    @Test("Shares of rows cover them once, in order, and empty shares are nil")
    func shares() {
        let values = [Float](repeating: 0, count: 1)
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for rows in [1, 7, 8, 63, 64, 65] {
                for count in [1, 6, 8] {
                    let whole = RowsAhead(first: base, rows: rows, stride: 100, length: 30)
                    var covered: [Int] = []
                    for index in 0..<count {
                        guard let share = whole.share(index, of: count) else { continue }
                        #expect(share.rows > 0 && share.stride == 100 && share.length == 30)
                        let firstRow = (share.first - base) / 100
                        covered += Array(firstRow..<(firstRow + share.rows))
                    }
                    #expect(covered == Array(0..<rows), "\(rows) rows in \(count) shares")
                }
            }
        }
    }

    @Test("The rows fetched for a unit lie inside the input and inside what the unit reads", arguments: DType.kernelDTypes)
    func rowsStayInside(dtype: DType) throws {
        var dice = Dice(seed: 9_700)
        var checked = 0
        for _ in 0..<200 {
            let groups = dice.pick([1, 1, 2, 3])
            let inChannels = groups * dice.pick([1, 3, 8, 17, 64])
            let outChannels = groups * dice.pick([1, 5, 16])
            let kernelSize = dice.int(2...4)
            let length = dice.pick([1, 2, 5, 6, 17, 95, 96, 97, 1_000, 4_096, 5_000])
            let batch = dice.int(1...3)
            let padding: Padding = dice.pick([
                .valid, .same, .full, .symmetric(dice.int(0...4)),
                .explicit(left: dice.int(0...40), right: dice.int(0...40)),
            ])
            let parameters = ConvolutionParameters(padding: padding, groups: groups)
            guard let input = dice.tensor([batch, inChannels, length]),
                  let weight = dice.tensor([outChannels, inChannels / groups, kernelSize]),
                  let plan = try? ConvolutionPlan(
                      input: input, weight: weight, bias: nil, parameters: parameters, elementLimit: .max)
            else { continue }
            if dtype == .float32 {
                checked += Self.checkRows(Float.self, plan)
            } else {
                checked += Self.checkRows(Double.self, plan)
            }
        }
        #expect(checked > 500)
    }

    /// For every unit of `plan`, that the rows fetched ahead are its own group's input rows,
    /// within them, and within the padded positions its block reads; the units checked.
    static func checkRows<Scalar: ConvolutionScalar>(_: Scalar.Type, _ plan: ConvolutionPlan) -> Int {
        guard let kernel = WinogradKernel<Scalar>(plan: plan) else { return 0 }
        let geometry = plan.geometry
        let blocks = kernel.blocks
        let rowLength = geometry.inputLength
        let count = plan.batch * plan.inChannels * rowLength
        let storage = [Scalar](repeating: 0, count: max(count, 1))
        let units = plan.batch * plan.groups * blocks.perRow
        return storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            for unit in 0..<units {
                let block = unit % blocks.perRow
                let group = (unit / blocks.perRow) % plan.groups
                let item = unit / blocks.perRow / plan.groups
                let readStart = block * blocks.outputsPerBlock - geometry.left
                let readEnd = readStart + blocks.windowLength
                guard let ahead = kernel.inputAhead(of: unit, base) else {
                    // Nothing to fetch only when the block reads no input at all.
                    #expect(readEnd <= 0 || readStart >= rowLength, "unit \(unit) of \(plan)")
                    continue
                }
                let offset = ahead.first - base
                let firstRow = offset / rowLength
                let start = offset % rowLength
                #expect(ahead.stride == rowLength)
                #expect(ahead.rows == plan.inChannelsPerGroup)
                #expect(firstRow == item * plan.inChannels + group * plan.inChannelsPerGroup, "unit \(unit)")
                #expect(start >= 0 && ahead.length > 0 && start + ahead.length <= rowLength, "unit \(unit)")
                #expect(start >= readStart && start + ahead.length <= readEnd, "unit \(unit)")
                #expect(offset + (ahead.rows - 1) * ahead.stride + ahead.length <= count)
            }
            return units
        }
    }
}
