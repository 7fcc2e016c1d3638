import Testing
import PythonFormatting
import TestSupport

/// `repr` of floats beyond the table: the examples Python users know, and a property of the
/// shortest digits on many doubles (they read back as the same double).
@Suite("Float repr")
struct FloatReprTests {
    @Test func pythonsKnownLayouts() {
        #expect(PythonFloat.repr(0.1 + 0.2) == "0.30000000000000004")
        #expect(PythonFloat.repr(1e16) == "1e+16")
        #expect(PythonFloat.repr(1e15) == "1000000000000000.0")
        #expect(PythonFloat.repr(1e-5) == "1e-05")
        #expect(PythonFloat.repr(1e-4) == "0.0001")
        #expect(PythonFloat.repr(123456789012345678.0) == "1.2345678901234568e+17")
        #expect(PythonFloat.repr(-0.0) == "-0.0")
        #expect(PythonFloat.repr(.infinity) == "inf")
        #expect(PythonFloat.repr(-.infinity) == "-inf")
        #expect(PythonFloat.repr(.nan) == "nan")
        #expect(PythonFloat.repr(-.nan) == "nan")
        #expect(PythonFloat.repr(1.0) == "1.0")
        #expect(PythonFloat.repr(100.0) == "100.0")
        #expect(PythonFloat.repr(5e-324) == "5e-324")
        #expect(PythonFloat.repr(2e16 + 8) == "2.000000000000001e+16")
    }

    @Test func shortestDigitsReadBackAsTheSameDouble() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = PythonFloat.repr(value)
            #expect(Double(text) == value, "\(text)")
            let digits = text.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
            #expect(digits.count <= 17, "\(text)")
        }
    }
}
