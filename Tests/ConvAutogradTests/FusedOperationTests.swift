import Foundation
import Testing
import ConvNumerics
import ConvAutograd

/// The engine's fused nodes (one node over a composition) and its broadcasting pointwise
/// primitive: the node's name, its place in the graph, and gradients against central differences.
@Suite("Fused nodes and pointwise functions of two tensors")
struct FusedOperationTests {
    /// `f`'s gradient by each element of `x`, by central differences in float64.
    private func numericGradient(_ x: [Double], shape: [Int], _ f: ([Double]) throws -> Double) throws -> [Double] {
        let h = 1e-6
        return try x.indices.map { index in
            var (up, down) = (x, x)
            up[index] += h
            down[index] -= h
            return (try f(up) - f(down)) / (2 * h)
        }
    }

    private func variable(_ values: [Double], _ shape: [Int]) throws -> Variable {
        try Variable(Tensor(shape: shape, scalars: values) ?? Tensor([0.0]), requiresGrad: true)
    }

    @Test("a fused node is one node whose inputs are the operands, with the composition's gradients")
    func fusedNode() throws {
        let values: [Double] = [0.5, -1.5, 2, 3]
        let a = try variable(values, [2, 2])
        let b = try Variable(Tensor(shape: [2, 2], scalars: [1.0, 2, -1, 0.5]) ?? Tensor([0.0]))
        let compose = { (v: [Variable]) throws(AutogradError) -> Variable in try v[0].matmul(v[1]).mul(v[0]) }
        let out = try Variable.fused("AddmmBackward0", [a, b], compose)
        #expect(out.gradFn?.name == "AddmmBackward0")
        #expect(out.gradFn?.nextNodes.isEmpty == true)  // straight to the leaf: no inner node shows
        try out.sum().backward()
        let numeric = try numericGradient(values, shape: [2, 2]) { x in
            let leaf = Variable(constant: Tensor(shape: [2, 2], scalars: x) ?? Tensor([0.0]))
            return try compose([leaf, b]).data.scalars.reduce(0, +)
        }
        let analytic = try #require(a.grad?.scalars)
        for (left, right) in zip(analytic, numeric) { #expect(Swift.abs(left - right) < 1e-6) }
    }

    @Test("an input that requires grad but does not reach the result gets zeros")
    func unusedInput() throws {
        let a = try variable([1, 2], [2])
        let b = try variable([3, 4], [2])
        let out = try Variable.fused("LerpBackward1", [a, b]) { v throws(AutogradError) in try v[0].mul(2) }
        try out.sum().backward()
        #expect(a.grad?.scalars == [2, 2])
        #expect(b.grad?.scalars == [0, 0])
    }

    @Test("a pointwise function broadcasts and sums each gradient back to its operand's shape")
    func pointwiseBroadcast() throws {
        let a = try variable([1, 2, 3, 4, 5, 6], [2, 3])
        let b = try variable([0.5, -2, 1], [3])
        let out = try Variable.pointwise("Atan2Backward0", a, b, { Foundation.atan2($0, $1) }) { y, x, _ in
            let r = y * y + x * x
            return (x / r, -y / r)
        }
        #expect(out.shape == [2, 3] && out.gradFn?.name == "Atan2Backward0")
        try out.sum().backward()
        let numericB = try numericGradient([0.5, -2, 1], shape: [3]) { x in
            zip([1.0, 2, 3, 4, 5, 6], (0..<6).map { x[$0 % 3] }).map { Foundation.atan2($0, $1) }.reduce(0, +)
        }
        let analyticB = try #require(b.grad?.scalars)
        #expect(b.grad?.shape == [3])
        for (left, right) in zip(analyticB, numericB) { #expect(Swift.abs(left - right) < 1e-6) }
    }

    @Test("erfinv inverts erf, is infinite at ±1 and NaN beyond")
    func inverseErf() throws {
        let x = try variable([-0.999, -0.5, 0, 0.3, 0.9999], [5])
        let y = try x.erfinv()
        for (value, inverse) in zip(x.data.scalars, y.data.scalars) { #expect(Swift.abs(Foundation.erf(inverse) - value) < 1e-12) }
        let edges = try Variable(Tensor([1.0, -1, 1.5])).erfinv().data.scalars
        #expect(edges[0] == .infinity && edges[1] == -.infinity && edges[2].isNaN)
        try y.sum().backward()
        let grads = try #require(x.grad?.scalars)
        for (grad, inverse) in zip(grads, y.data.scalars) {
            #expect(Swift.abs(grad - Double.pi.squareRoot() / 2 * Foundation.exp(inverse * inverse)) < 1e-9 * Swift.max(1, grad))
        }
    }
}
