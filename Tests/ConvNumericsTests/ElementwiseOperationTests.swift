import Testing
import ConvNumerics

/// The scalar rules of the typed operators, which follow Python's and PyTorch's.
@Suite("Elementwise operations")
struct ElementwiseOperationTests {
    @Test("// keeps x == (x // y)·y + x % y: 1 // 0.1 is 9, and signs follow the divisor")
    func floorDivide() {
        #expect(ArithmeticOperation.floorDivide(1.0, 0.1) == 9)
        #expect(ArithmeticOperation.floorDivide(Float(1), Float(0.1)) == 9)
        #expect(ArithmeticOperation.floorDivide(-7.5, 2.0) == -4)
        #expect(ArithmeticOperation.floorDivide(7.5, -2.0) == -4)
        #expect(ArithmeticOperation.floorDivide(7.0, 2.0) == 3)
        let negativeZero = ArithmeticOperation.floorDivide(0.0, -3.0)
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        #expect(ArithmeticOperation.floorDivide(1.0, 0.0) == .infinity)
        #expect(ArithmeticOperation.floorDivide(0.0, 0.0).isNaN)
    }

    @Test("% takes the divisor's sign; ** is pow")
    func remainderAndPower() {
        #expect(ArithmeticOperation.remainder(-7.0, 3.0) == 2)
        #expect(ArithmeticOperation.remainder(7.0, -3.0) == -2)
        #expect(ArithmeticOperation.remainder(Float(5.5), Float(2)) == 1.5)
        #expect(ArithmeticOperation.remainder(1.0, 0.0).isNaN)
        #expect(ArithmeticOperation.power.apply(Float(2), Float(10)) == 1024)
        #expect(ArithmeticOperation.power.apply(-8.0, 1.0 / 3).isNaN)
    }

    @Test("comparisons make bool tensors; NaN compares unequal to everything")
    func comparisons() throws {
        let a = Tensor([Float(1), .nan, 3])
        let b = Tensor([Float(1), .nan, 2])
        #expect(try Broadcasting.compare(a, b, .equal) == Tensor([true, false, false]))
        #expect(try Broadcasting.compare(a, b, .notEqual) == Tensor([false, true, true]))
        #expect(try Broadcasting.compare(a, 2, .greaterEqual) == Tensor([false, false, true]))
    }

    @Test("a number beside a float32 tensor is rounded to float32, as PyTorch does")
    func numberBesideFloat32() throws {
        let result = try Broadcasting.combine(Tensor([Float(0)]), 0.1, .add)
        #expect(result.float32Scalars == [Float(0.1)])
        #expect(try Broadcasting.combine(Tensor([0.0]), 0.1, .add).float64Scalars == [0.1])
    }
}
