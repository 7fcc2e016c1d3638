import Testing
@testable import ConvCLI

@Suite("--max-memory sizes")
struct MemorySizeTests {
    @Test func bytesUnitsAndNone() {
        #expect(MemorySize.parse("1000000")?.bytes == 1_000_000)
        #expect(MemorySize.parse("512MB")?.bytes == 512_000_000)
        #expect(MemorySize.parse("8 GB")?.bytes == 8_000_000_000)
        #expect(MemorySize.parse("2GiB")?.bytes == 2 << 30)
        #expect(MemorySize.parse("1.5g")?.bytes == 1_500_000_000)
        #expect(MemorySize.parse("none") == MemorySize(bytes: nil))
    }

    @Test func whatIsNotASizeIsRefused() {
        for text in ["", "0", "-1GB", "12x", "GB", "1e30", "1..5GB", "99999999999TB"] {
            #expect(MemorySize.parse(text) == nil, "\(text)")
        }
    }
}
