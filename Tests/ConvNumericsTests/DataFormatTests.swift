import Testing
import ConvNumerics

/// `.npy` and CSV bytes: what NumPy writes reads back exactly, malformed input is refused
/// with a reason and never traps. The Python suite checks round trips with the real NumPy.
@Suite("NPY and CSV formats")
struct DataFormatTests {
    /// A `.npy` file as NumPy lays it out: magic, version, length, header, data.
    static func npy(_ header: String, data: [UInt8], major: UInt8 = 1) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        let lengthSize = major == 1 ? 2 : 4
        while (10 - 2 + lengthSize + headerBytes.count + 1) % 64 != 0 { headerBytes.append(0x20) }
        headerBytes.append(0x0A)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
        var length = headerBytes.count
        for _ in 0..<lengthSize {
            bytes.append(UInt8(length & 0xFF))
            length >>= 8
        }
        return bytes + headerBytes + data
    }

    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
    }

    @Test("float64 and float32, little- and big-endian")
    func floats() throws {
        let doubles: [Double] = [1.5, -2.25, 1e-300]
        let littleDoubles = Self.littleEndian(doubles.map(\.bitPattern))
        let le = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data: littleDoubles)
        #expect(try NPYFormat.decode(le) == Tensor(doubles))
        let bigDoubles = doubles.flatMap { Self.littleEndian([$0.bitPattern]).reversed() }
        let be = Self.npy("{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }", data: bigDoubles)
        #expect(try NPYFormat.decode(be) == Tensor(doubles))
        let floats: [Float] = [0.1, -3]
        let bigFloats = floats.flatMap { Self.littleEndian([$0.bitPattern]).reversed() }
        let be32 = Self.npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", data: bigFloats)
        #expect(try NPYFormat.decode(be32) == Tensor(floats.map(Double.init)))
    }

    @Test("integers, unsigned, bool and float16")
    func integerTypes() throws {
        let int16 = Self.npy("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", data: Self.littleEndian([Int16(-2), 7, Int16.min]))
        #expect(try NPYFormat.decode(int16) == Tensor([-2, 7, -32768]))
        let int64 = Self.npy("{'descr': '>i8', 'fortran_order': False, 'shape': (1,), }", data: Self.littleEndian([Int64(-5)]).reversed())
        #expect(try NPYFormat.decode(int64) == Tensor([-5]))
        let uint8 = Self.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", data: [255, 3])
        #expect(try NPYFormat.decode(uint8) == Tensor([255, 3]))
        let bool = Self.npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", data: [1, 0])
        #expect(try NPYFormat.decode(bool) == Tensor([1, 0]))
        let half = Self.npy("{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", data: Self.littleEndian([UInt16(0x3C00), 0xC000, 0x0001]))
        #expect(try NPYFormat.decode(half) == Tensor([1, -2, 0x1p-24]))
    }

    @Test("keepingDType: float32, int64 and bool files keep their dtype bit for bit; others read as float64")
    func keepingDType() throws {
        let floats: [Float] = [0.1, -.infinity, 3]
        let f4 = Self.npy("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }",
                          data: floats.flatMap { Self.littleEndian([$0.bitPattern]).reversed() })
        #expect(try NPYFormat.decode(f4, keepingDType: true) == Tensor(floats))
        #expect(try NPYFormat.decode(f4).dtype == .float64)
        let big = Int64(1) << 60 + 1
        let i8 = Self.npy("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 2), }", data: Self.littleEndian([big, 3, -2, 4]))
        #expect(try NPYFormat.decode(i8, keepingDType: true) == Tensor(shape: [2, 2], scalars: [big, -2, 3, 4]))
        let b1 = Self.npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", data: [0, 1])
        #expect(try NPYFormat.decode(b1, keepingDType: true) == Tensor([false, true]))
        let i2 = Self.npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", data: Self.littleEndian([Int16(-7)]))
        #expect(try NPYFormat.decode(i2, keepingDType: true) == Tensor([-7.0]))
        let f8 = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", data: Self.littleEndian([(0.1).bitPattern]))
        #expect(try NPYFormat.decode(f8, keepingDType: true) == Tensor([0.1]))
    }

    @Test("Fortran order becomes row-major; versions 2 and 3; scalars and empty arrays")
    func layoutsAndVersions() throws {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        let fortran = Self.npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                               data: Self.littleEndian([1.0, 4, 2, 5, 3, 6].map(\.bitPattern)))
        #expect(try NPYFormat.decode(fortran) == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        let v2 = Self.npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", data: Self.littleEndian([Int32(1), -1]), major: 2)
        #expect(try NPYFormat.decode(v2) == Tensor([1, -1]))
        let v3 = Self.npy("{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (1,)}", data: Self.littleEndian([Int32(9)]), major: 3)
        #expect(try NPYFormat.decode(v3) == Tensor([9]))
        let scalar = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data: Self.littleEndian([(2.5).bitPattern]))
        #expect(try NPYFormat.decode(scalar) == Tensor(scalar: 2.5))
        let empty = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", data: [])
        #expect(try NPYFormat.decode(empty).shape == [0, 3])
    }

    @Test("what we write reads back bit for bit, padded to 64 bytes, version 1, '<f8'")
    func writeRoundTrip() throws {
        let tensor = try #require(Tensor(shape: [2, 2], scalars: [0.1, -0.0, .infinity, .leastNonzeroMagnitude * 3]))
        let bytes = NPYFormat.encode(tensor)
        #expect(bytes[6] == 1 && bytes[7] == 0)
        #expect((bytes.count - 32) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + Int(bytes[8]))], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }"))
        #expect(header.hasSuffix("\n"))
        let back = try NPYFormat.decode(bytes)
        #expect(back.shape == [2, 2])
        #expect(back.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern))
        #expect(try NPYFormat.decode(NPYFormat.encode(Tensor(scalar: 3))) == Tensor(scalar: 3))
        #expect(try NPYFormat.decode(NPYFormat.encode(Tensor([1, 2]))) == Tensor([1, 2]))
    }

    @Test("malformed headers are refused with a reason")
    func malformed() {
        let good = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }"
        let data = Self.littleEndian([(1.0).bitPattern])
        let cases: [(String, String)] = [
            ("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", "unsupported"),
            ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", "unsupported"),
            ("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", "fortran_order"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "non-negative"),
            ("{'descr': '<f8', 'fortran_order': False}", "keys"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", "keys"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", "too large"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), ", "expected"),
            ("__import__('os')", "unexpected"),
            (String(repeating: "(", count: 1000), "nested too deeply"),
        ]
        for (header, reason) in cases {
            do {
                _ = try NPYFormat.decode(Self.npy(header, data: data))
                Issue.record("accepted: \(header)")
            } catch {
                #expect(error.description.contains(reason), "\(header): \(error)")
            }
        }
        #expect(throws: NPYFormat.Failure.notNPY) { try NPYFormat.decode(Array("a,b\n".utf8)) }
        #expect(throws: NPYFormat.Failure.unsupportedVersion(major: 4, minor: 0)) {
            try NPYFormat.decode(Self.npy(good, data: data, major: 4))
        }
        #expect(throws: NPYFormat.Failure.dataSize(expected: 8, actual: 7)) {
            try NPYFormat.decode(Self.npy(good, data: Array(data.dropLast())))
        }
        let huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"
        #expect(throws: NPYFormat.Failure.self) { try NPYFormat.decode(Self.npy(huge, data: data)) }
        #expect(throws: NPYFormat.Failure.tooLarge(elements: 3, limit: 2)) {
            try NPYFormat.decode(NPYFormat.encode(Tensor([1, 2, 3])), elementLimit: 2)
        }
    }

    @Test("every truncation and thousands of byte flips: refused or read, never a trap")
    func neverTraps() {
        let valid = NPYFormat.encode(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]) ?? Tensor([]))
        var refused = 0
        for length in 0..<valid.count where (try? NPYFormat.decode(Array(valid.prefix(length)))) == nil {
            refused += 1
        }
        #expect(refused == valid.count, "every strict prefix must be refused")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // xorshift64: a fixed, reproducible stream of positions and byte values.
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0...next(3) { bytes[next(64)] = UInt8(next(256)) }
            _ = try? NPYFormat.decode(bytes)
        }
    }

    // MARK: - CSV

    @Test("CSV: one row or one column is rank 1, else rank 2; comments, blank lines, CRLF")
    func csvRead() throws {
        #expect(try CSVFormat.decode(Array("1, 2.5, -3\n".utf8)) == Tensor([1, 2.5, -3]))
        #expect(try CSVFormat.decode(Array("# signal\n1\n2\n\n3\n".utf8)) == Tensor([1, 2, 3]))
        #expect(try CSVFormat.decode(Array("1,2\r\n3,4\r\n".utf8)) == Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        #expect(try CSVFormat.decode(Array("\u{FEFF}1e3,inf,-inf\n".utf8)) == Tensor([1000, .infinity, -.infinity]))
        #expect(try CSVFormat.decode(Array("nan".utf8)).scalars[0].isNaN)
    }

    @Test("CSV errors name the line and column")
    func csvErrors() {
        #expect(throws: CSVFormat.Failure.notANumber(line: 2, column: 2, text: "x")) { try CSVFormat.decode(Array("1,2\n3,x\n".utf8)) }
        #expect(throws: CSVFormat.Failure.raggedRow(line: 3, count: 1, expected: 2, firstLine: 1)) {
            try CSVFormat.decode(Array("1,2\n3,4\n5\n".utf8))
        }
        #expect(throws: CSVFormat.Failure.emptyField(line: 1, column: 3)) { try CSVFormat.decode(Array("1,2,\n".utf8)) }
        #expect(throws: CSVFormat.Failure.notANumber(line: 1, column: 1, text: "0x10")) { try CSVFormat.decode(Array("0x10".utf8)) }
        #expect(throws: CSVFormat.Failure.empty) { try CSVFormat.decode(Array("# nothing\n\n".utf8)) }
        #expect(throws: CSVFormat.Failure.notText) { try CSVFormat.decode([0xFF, 0xFE, 0x31]) }
        #expect(throws: CSVFormat.Failure.tooLarge(elements: 3, limit: 2)) { try CSVFormat.decode(Array("1,2,3".utf8), elementLimit: 2) }
        #expect(throws: CSVFormat.Failure.rankTooHigh(shape: [1, 1, 2])) {
            try CSVFormat.encode(Tensor(shape: [1, 1, 2], scalars: [1, 2]) ?? Tensor([]))
        }
        #expect(CSVFormat.Failure.raggedRow(line: 3, count: 1, expected: 2, firstLine: 1).description
            == "line 3 has 1 value, but line 1 has 2; every row must have the same number of values")
    }

    @Test("CSV writing: a column per line for rank 1, rows for rank 2, exact round trip")
    func csvWrite() throws {
        #expect(String(decoding: try CSVFormat.encode(Tensor([1, 0.5, -0.0])), as: UTF8.self) == "1\n0.5\n-0\n")
        let matrix = try #require(Tensor(shape: [2, 3], scalars: [0.1, 2, 1e-20, -7, .nan, 3.141592653589793]))
        let text = String(decoding: try CSVFormat.encode(matrix), as: UTF8.self)
        #expect(text == "0.1,2,1e-20\n-7,nan,3.141592653589793\n")
        let back = try CSVFormat.decode(try CSVFormat.encode(matrix))
        #expect(back.shape == [2, 3])
        #expect(back.scalars.map(\.bitPattern) == matrix.scalars.map(\.bitPattern))
    }
}
