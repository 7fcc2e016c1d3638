import Foundation
import Testing
import ConvNumerics
import TestSupport

/// Every case of torch-random.json, bit for bit: each case seeds one generator and runs its
/// calls in order (randn on both paths and both dtypes, the kept normal sample, rand, uniform_,
/// normal_, randint, randperm, bernoulli, dropout, nn.init and layer initialisation), so every
/// value also pins the state every earlier call left.
@Suite("PyTorch golden random streams")
struct RandomGoldenTests {
    @Test("torch-random.json: 40 seeds, every call's values bit-identical")
    func everyRandomCase() throws {
        let cases = try GoldenRandomFile.read().cases
        var calls = 0
        var values = 0
        for testCase in cases {
            var runner = RandomCallRunner(generator: TorchGenerator(seed: UInt64(bitPattern: testCase.seed)))
            for call in testCase.calls {
                let label = "\(testCase.name): \(call.call)"
                switch try runner.run(call.call) {
                case .tensor(let actual):
                    values += try expectIdentical(actual, try #require(call.tensor, "\(label): no values"), label)
                case .parameters(let actual):
                    let expected = call.parameters ?? [:]
                    #expect(Set(actual.keys) == Set(expected.keys), "\(label): parameter names")
                    for (parameter, golden) in expected {
                        let drawn = try #require(actual[parameter], "\(label): no \(parameter)")
                        values += try expectIdentical(drawn, golden, "\(label) \(parameter)")
                    }
                }
                calls += 1
            }
        }
        #expect(cases.count == 40, "cases: \(cases.count)")
        #expect(calls >= 100, "calls: \(calls)")
        #expect(values > 2000, "values compared: \(values)")
    }

    /// Compares dtype, shape and every element's bits; returns how many values were compared.
    private func expectIdentical(_ actual: Tensor, _ golden: GoldenRandomFile.TensorValues, _ label: String) throws -> Int {
        let expected = try golden.tensor()
        #expect(actual.dtype == expected.dtype, "\(label): dtype \(actual.dtype) vs \(expected.dtype)")
        #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs \(expected.shape)")
        let mismatches = zip(actual.scalars, expected.scalars).enumerated().filter { _, pair in
            pair.0.bitPattern != pair.1.bitPattern
        }
        let first = mismatches.first.map { "\($0.offset): \($0.element.0) vs \($0.element.1)" } ?? ""
        #expect(mismatches.isEmpty, "\(label): \(mismatches.count) values differ, first at \(first)")
        return expected.count
    }
}

/// torch-random.json, decoded with `JSONDecoder`, which reads every float64 exactly (the
/// object reader `GoldenSet` uses can be off in the last bit, which a bit-for-bit float64
/// comparison cannot afford).
struct GoldenRandomFile: Decodable {
    var cases: [Case]

    struct Case: Decodable {
        var name: String
        var seed: Int64
        var calls: [Call]
    }

    struct Call: Decodable {
        var call: String
        var module: Bool?
        var dtype: String?
        var shape: [Int]?
        var values: [Number]?
        var parameters: [String: TensorValues]?

        var tensor: TensorValues? {
            guard let dtype, let shape, let values else { return nil }
            return TensorValues(dtype: dtype, shape: shape, values: values)
        }
    }

    /// A tensor written as `{"dtype", "shape", "values"}`.
    struct TensorValues: Decodable {
        var dtype: String
        var shape: [Int]
        var values: [Number]

        func tensor() throws -> Tensor {
            guard let type = DType(rawValue: dtype), let tensor = Tensor(shape: shape, scalars: values.map(\.value)) else {
                throw GoldenFile.Missing(description: "\(values.count) \(dtype) values for shape \(shape)")
            }
            return tensor.converted(to: type)
        }
    }

    /// A number, or NaN and the infinities written as strings.
    struct Number: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
                return
            }
            switch try container.decode(String.self) {
            case "NaN": value = .nan
            case "Infinity": value = .infinity
            case "-Infinity": value = -.infinity
            case let other: throw GoldenFile.Missing(description: "not a number: \(other)")
            }
        }
    }

    static func read() throws -> GoldenRandomFile {
        let data = try Data(contentsOf: RepositoryFolder.golden.appendingPathComponent("torch-random.json"))
        return try JSONDecoder().decode(GoldenRandomFile.self, from: data)
    }
}
