import Testing
import ConvNumerics

/// Dtypes, typed construction and access, and the explicit conversions between dtypes.
@Suite("DType and typed tensors")
struct DTypeTests {
    @Test("each dtype's names, size and kind")
    func dtypeProperties() {
        #expect(DType.allCases == [.float64, .float32, .int64, .int32, .bool])
        #expect(DType.allCases.map(\.torchName) == ["torch.float64", "torch.float32", "torch.int64", "torch.int32", "torch.bool"])
        #expect(DType.allCases.map(\.byteSize) == [8, 4, 8, 4, 1])
        #expect(DType.allCases.map(\.isFloatingPoint) == [true, true, false, false, false])
        #expect("\(DType.float32)" == "float32")
        #expect(DType(rawValue: "int64") == .int64)
    }

    @Test("the Double initialisers make float64 tensors, as before")
    func float64Initialisers() throws {
        let literal = try #require(Tensor(shape: [2], scalars: [1, 2]))
        #expect(literal.dtype == .float64)
        #expect(literal.float64Scalars == [1, 2])
        #expect(Tensor([1.5]).dtype == .float64)
        #expect(Tensor(scalar: 2).dtype == .float64)
        #expect(Tensor(repeating: 0, shape: [2])?.dtype == .float64)
        let written = Tensor(shape: [3]) { buffer in buffer[2] = 7 }
        #expect(written?.dtype == .float64)
        #expect(written?.scalars == [0, 0, 7])
    }

    @Test("typed initialisers make a tensor of their element's dtype")
    func typedInitialisers() throws {
        let floats = try #require(Tensor(shape: [2, 1], scalars: [Float(1.5), -2]))
        #expect(floats.dtype == .float32)
        #expect(floats.float32Scalars == [1.5, -2])
        #expect(floats.float64Scalars == nil)
        #expect(Tensor([Int64(3), 4]).int64Scalars == [3, 4])
        #expect(Tensor(scalar: true).boolScalars == [true])
        #expect(Tensor(scalar: true).shape == [])
        #expect(Tensor(repeating: Int64(9), shape: [2, 2])?.int64Scalars == [9, 9, 9, 9])
        #expect(Tensor(repeating: false, shape: [3])?.dtype == .bool)
        let written = Tensor(shape: [2, 2], of: Float.self) { buffer in buffer[3] = 0.25 }
        #expect(written?.float32Scalars == [0, 0, 0, 0.25])
        let bools = Tensor(shape: [2], of: Bool.self) { buffer in buffer[0] = true }
        #expect(bools?.boolScalars == [true, false])
        #expect(Tensor(shape: [3], storage: .int64([1, 2, 3]))?.dtype == .int64)
        for dtype in DType.allCases {
            let zeros = TensorStorage(zeros: dtype, count: 2)
            #expect(zeros.dtype == dtype && zeros.count == 2)
            #expect(Tensor(shape: [2], storage: zeros)?.scalars == [0, 0])
        }
        #expect(TensorStorage([Float(1)]) == .float32([1]))
        #expect(TensorStorage.bool([true]).elements(as: Bool.self) == [true])
        #expect(TensorStorage.bool([true]).elements(as: Int64.self) == nil)
        #expect(Tensor(shape: [2], storage: .int64([1, 2, 3])) == nil)
        #expect(Tensor(shape: [-1], scalars: [Float]()) == nil)
        #expect(Tensor(repeating: true, shape: [Int.max, 2]) == nil)
    }

    @Test("scalars widens every dtype to Double; element(at:) likewise")
    func compatibilityAccessors() throws {
        let floats = try #require(Tensor(shape: [3], scalars: [Float(0.1), .infinity, -0.0]))
        #expect(floats.scalars == [Double(Float(0.1)), .infinity, -0.0])
        #expect(floats.scalars[2].sign == .minus)
        #expect(Tensor([true, false]).scalars == [1, 0])
        // int64 beyond 2^53 rounds to the nearest Double.
        let big = Tensor([Int64(1) << 53 + 1, -7])
        #expect(big.scalars == [9_007_199_254_740_992, -7])
        let matrix = try #require(Tensor(shape: [2, 2], scalars: [Int64(1), 2, 3, 4]))
        #expect(matrix.element(at: [1, 0]) == 3)
        #expect(matrix.element(at: [1, 0], as: Int64.self) == 3)
        #expect(matrix.element(at: [1, 0], as: Double.self) == nil)
        #expect(matrix.element(at: [2, 0]) == nil)
        #expect(matrix.element(at: [0]) == nil)
        #expect(Tensor(scalar: Float(2.5)).element(at: []) == 2.5)
        #expect(Tensor([true]).element(at: [0]) == 1)
    }

    @Test("reshaping keeps the dtype; equality includes it")
    func reshapeAndEquality() throws {
        let ints = Tensor([Int64(1), 2, 3, 4])
        let reshaped = try #require(ints.reshaped(to: [2, 2]))
        #expect(reshaped.dtype == .int64)
        #expect(reshaped.int64Scalars == [1, 2, 3, 4])
        #expect(ints.reshaped(to: [3]) == nil)
        #expect(Tensor([Float(1), 2]) == Tensor([Float(1), 2]))
        #expect(Tensor([Float(1), 2]) != Tensor([1.0, 2.0]))
        #expect(Tensor([Int64(1)]) != Tensor([true]))
        #expect(Tensor([true]) == Tensor([true]))
        #expect(Set([Tensor([Float(1)]), Tensor([1.0]), Tensor([Float(1)])]).count == 2)
    }

    @Test("float64 → float32 rounds to nearest; float32 → float64 is exact")
    func floatingConversions() throws {
        let wide = Tensor([0.1, 1e300, -1e-300, 16_777_217, .nan, -.infinity, -0.0])
        let narrow = wide.converted(to: .float32)
        #expect(narrow.dtype == .float32)
        let floats = try #require(narrow.float32Scalars)
        #expect(floats[0] == Float(0.1))
        #expect(floats[1] == .infinity)
        #expect(floats[2] == 0 && floats[2].sign == .minus)
        #expect(floats[3] == 16_777_216)  // tie, to even
        #expect(floats[4].isNaN)
        #expect(floats[5] == -.infinity)
        #expect(floats[6].sign == .minus)
        let back = narrow.converted(to: .float64)
        #expect(back.float64Scalars?[0] == Double(Float(0.1)))
        #expect(back.shape == wide.shape)
    }

    @Test("float → int64 truncates toward zero; NaN, ±inf and out-of-range give Int64.min")
    func floatToInt64() {
        let values: [Double] = [2.9, -2.9, -0.0, 0.5, -0.5, .nan, .infinity, -.infinity,
                                9.3e18, -9.3e18, 9_223_372_036_854_775_808, -9_223_372_036_854_775_808, 2_251_799_813_685_248.5]
        let expected: [Int64] = [2, -2, 0, 0, 0, .min, .min, .min,
                                 .min, .min, .min, .min, 2_251_799_813_685_248]
        #expect(Tensor(values).converted(to: .int64).int64Scalars == expected)
        let floats: [Float] = [2.9, -2.9, .nan, .infinity, 9.3e18, -9.223372e18, 1e10]
        let fromFloat = Tensor(floats).converted(to: .int64).int64Scalars
        #expect(fromFloat == [2, -2, .min, .min, .min, Int64(Float(-9.223372e18)), 10_000_000_000])
    }

    @Test("int64 → float rounds beyond 2^53 (2^24 for float32)")
    func int64ToFloat() {
        let ints = Tensor([Int64.max, .min, 16_777_217, -3])
        #expect(ints.converted(to: .float64).float64Scalars == [9.223372036854775807e18, -9.223372036854775808e18, 16_777_217, -3])
        #expect(ints.converted(to: .float32).float32Scalars == [9.223372e18, -9.223372e18, 16_777_216, -3])
    }

    @Test("anything → bool is != 0 (NaN true, −0 false); bool → number is 0 or 1")
    func boolConversions() {
        #expect(Tensor([0.0, -0.0, .nan, 2, -.infinity]).converted(to: .bool).boolScalars == [false, false, true, true, true])
        #expect(Tensor([Float(0), -0.0, .nan, .leastNonzeroMagnitude]).converted(to: .bool).boolScalars == [false, false, true, true])
        #expect(Tensor([Int64(0), -1, .min]).converted(to: .bool).boolScalars == [false, true, true])
        let bools = Tensor([true, false])
        #expect(bools.converted(to: .float64).float64Scalars == [1, 0])
        #expect(bools.converted(to: .float32).float32Scalars == [1, 0])
        #expect(bools.converted(to: .int64).int64Scalars == [1, 0])
    }

    @Test("every pair of dtypes converts, keeps the shape, and lands in the target dtype")
    func everyPair() throws {
        let sources = [
            try #require(Tensor(shape: [2, 2], scalars: [1.5, -2.5, 0, 3])),
            try #require(Tensor(shape: [2, 2], scalars: [Float(1.5), -2.5, 0, 3])),
            try #require(Tensor(shape: [2, 2], scalars: [Int64(1), -2, 0, 3])),
            try #require(Tensor(shape: [2, 2], scalars: [Int32(1), -2, 0, 3])),
            try #require(Tensor(shape: [2, 2], scalars: [true, true, false, true])),
        ]
        let expected: [DType: [Double]] = [
            .float64: [1.5, -2.5, 0, 3], .float32: [1.5, -2.5, 0, 3], .int64: [1, -2, 0, 3], .int32: [1, -2, 0, 3], .bool: [1, 1, 0, 1],
        ]
        for source in sources {
            #expect(source.converted(to: source.dtype) == source)
            for target in DType.allCases {
                let result = source.converted(to: target)
                #expect(result.dtype == target)
                #expect(result.shape == [2, 2])
                // Through int64 a fraction truncates; through bool only zero stays zero.
                let values = expected[source.dtype] ?? []
                let want: [Double] = switch target {
                case .float64, .float32: values
                case .int64, .int32: values.map { $0.rounded(.towardZero) }
                case .bool: values.map { $0 != 0 ? 1 : 0 }
                }
                #expect(result.scalars == want, "\(source.dtype) → \(target)")
            }
        }
    }
}
