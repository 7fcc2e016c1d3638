import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// torch-random.json through the language: every case whose calls conv writes as PyTorch does
/// (all but the tensor methods such as `torch.empty(6).normal_(…)` and the layers conv does
/// not have) runs as one program, call after call on one seeded stream, and every value must
/// equal PyTorch's bit for bit.
@Suite("Random streams through the language")
struct RandomLanguageTests {
    private struct Case: Decodable {
        var name: String
        var seed: Int64
        var calls: [Call]
    }

    private struct Call: Decodable {
        var call: String
        var dtype: String?
        var values: [Double]?
        var parameters: [String: Values]?
    }

    private struct Values: Decodable {
        var dtype: String
        var values: [Double]
    }

    private struct File: Decodable { var cases: [Case] }

    /// Calls conv does not write as PyTorch does.
    private static func isWritten(_ call: String) -> Bool {
        !call.contains(").") && !call.hasPrefix("nn.Linear") && !call.hasPrefix("nn.BatchNorm1d")
    }

    @Test("torch-random.json cases as conv programs, bit-identical")
    func casesThroughTheLanguage() throws {
        let data = try Data(contentsOf: RepositoryFolder.golden.appendingPathComponent("torch-random.json"))
        let cases = try JSONDecoder().decode(File.self, from: data).cases
        var programs = 0
        var compared = 0
        for testCase in cases where testCase.calls.allSatisfy({ Self.isWritten($0.call) }) {
            var program = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\ntorch.manual_seed(\(testCase.seed))\n"
            var expected: [(expression: String, dtype: String, values: [Double])] = []
            for (index, call) in testCase.calls.enumerated() {
                program += "v\(index) = \(call.call)\n"
                if let parameters = call.parameters {
                    for (name, golden) in parameters.sorted(by: { $0.key < $1.key }) {
                        expected.append(("v\(index).\(name)", golden.dtype, golden.values))
                    }
                } else {
                    expected.append(("v\(index)", call.dtype ?? "?", call.values ?? []))
                }
            }
            let interpreter = Interpreter(configuration: .init(seed: 1))
            let result = interpreter.run(program)
            #expect(result.succeeded, "\(testCase.name): \(result.diagnostics.map(\.message))")
            for (expression, dtype, values) in expected {
                compared += check(interpreter, expression, dtype: dtype, values, label: testCase.name)
            }
            programs += 1
        }
        #expect(programs >= 23, "programs: \(programs)")
        #expect(compared > 1200, "values compared: \(compared)")
    }

    /// Compares one expression's elements with PyTorch's (float32 as float32 bits); returns the
    /// number compared.
    private func check(_ interpreter: Interpreter, _ expression: String, dtype: String, _ values: [Double], label: String) -> Int {
        let shown = interpreter.run(expression).lastValue
        let scalars: [Double]
        switch shown {
        case .tensor(let tensor)?: scalars = tensor.scalars
        case .number(let number)?: scalars = [number]
        default:
            Issue.record("\(label): \(expression) is not a tensor")
            return 0
        }
        let actual = dtype == "float32" ? scalars.map { Double(Float($0)) } : scalars
        #expect(actual.map(\.bitPattern) == values.map(\.bitPattern), "\(label): \(expression)")
        #expect(scalars == actual, "\(label): \(expression) holds \(dtype) values")
        return values.count
    }

    @Test("One stream across rand, randn, a Conv1d's initialisation and randn again")
    func streamAcrossLayers() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        let result = interpreter.run("""
            seed(0)
            a = randn(3)
            b = rand(2)
            m = Conv1d(2, 3, 3)
            c = randn(20)
            """)
        #expect(result.succeeded)
        #expect(show(interpreter, "a") == [1.5409960746765137, -0.293428897857666, -2.1787893772125244])
        #expect(show(interpreter, "b") == [0.455627977848053, 0.6323062777519226])
        #expect(show(interpreter, "m.weight").prefix(3) == [-0.1233779713511467, -0.08024748414754868, -0.39001941680908203])
        #expect(show(interpreter, "c").prefix(3) == [-0.1116093322634697, -0.6135830879211426, 0.03159274160861969])
    }

    @Test("nn.init on a layer's weight and bias changes the layer; on a global name, the name")
    func initializationWritesBack() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        let result = interpreter.run("""
            import torch.nn as nn
            seed(0)
            m = nn.Conv1d(2, 3, 3)
            model = Sequential(m)
            before = m.weight
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            nn.init.zeros_(model[0].bias)
            w = empty(2, 3)
            nn.init.constant_(w, 0.7)
            """)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(show(interpreter, "all(m.weight == model[0].weight)") == [1])
        #expect(show(interpreter, "any(m.weight != before)") == [1])
        #expect(show(interpreter, "m.bias") == [0, 0, 0])
        #expect(show(interpreter, "w") == [Double](repeating: Double(Float(0.7)), count: 6))
    }

    @Test("Refusals are located errors with PyTorch's conditions")
    func refusals() {
        for (source, fragment) in [
            ("randn(2, dtype=\"int8\")", "dtype must be"),
            ("nn.init.kaiming_uniform_(zeros(3))", "2 or more dimensions"),
            ("nn.init.kaiming_normal_(zeros(3, 3), mode=\"fan_avg\")", "fan_avg"),
            ("dropout(ones(3), p=1.5)", "between 0 and 1"),
            ("randint(5, 5, (2,))", "low < high"),
            ("normal(zeros(2), -1.0)", "std >= 0"),
        ] {
            let outcome = Interpreter(configuration: .init(seed: 0)).run(source)
            #expect(!outcome.succeeded, "\(source)")
            #expect(outcome.diagnostics.first?.message.contains(fragment) == true, "\(source): \(outcome.diagnostics.map(\.message))")
        }
    }

    private func show(_ interpreter: Interpreter, _ expression: String) -> [Double] {
        switch interpreter.run(expression).lastValue {
        case .tensor(let tensor)?: tensor.scalars
        case .number(let number)?: [number]
        case .bool(let flag)?: [flag ? 1 : 0]
        default: []
        }
    }
}
