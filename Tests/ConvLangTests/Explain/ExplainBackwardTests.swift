import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import ConvAutograd
@testable import ConvLang
import ConvNumerics
import Testing

/// `explain loss.backward()`: every line of a convolution's backward step ends in the gradient
/// autograd computed (read back from `.grad`), its products add up to that value, and the
/// walkthrough's arithmetic is the one worked by hand; the same holds for float32 and float64
/// tensors; the figure is well-formed XML.
@Suite("explain backward: the arithmetic adds up to autograd's gradients")
struct ExplainBackwardTests {
    /// One line of a conv backward section: `∂L/∂w[0, 1, 2] = … = NUMBERS = VALUE`.
    struct GradientLine {
        var tensor: String
        var index: [Int]
        var value: Double
        /// The numbers the value is the sum of (`0.5·0 + (−1)·3`), when the line shows them.
        var numbers: String?
    }

    /// A number as the explanations write it (a true minus, parentheses round negative factors).
    static func number(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: CharacterSet(charactersIn: "() ")).replacingOccurrences(of: "−", with: "-"))
    }

    /// The nodes whose sections write each gradient element as a line of its own.
    static let explainedNodes = #"^node \d+: (ConvolutionBackward0|AddmmBackward0|MmBackward0|UnsafeViewBackward0|"#
        + #"NativeBatchNormBackward0|NativeLayerNormBackward0|MulBackward0: dropout|SqueezeBackward1: an adaptive)"#

    /// The gradient lines of every section of `text` that explains its node element by element
    /// (a convolution, a linear layer, a normalisation, dropout, an adaptive pooling).
    static func convLines(_ text: String) -> [GradientLine] {
        var inConv = false
        var lines: [GradientLine] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("node ") || line.hasPrefix(".grad") {
                inConv = line.range(of: explainedNodes, options: .regularExpression) != nil
            }
            guard inConv, line.hasPrefix("  ∂L/∂") else { continue }
            let body = line.dropFirst("  ∂L/∂".count)
            guard let tensor = body.first.map(String.init) else { continue }
            var rest = body.dropFirst()
            var index: [Int] = []
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                index = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",").compactMap {
                    Int($0.trimmingCharacters(in: .whitespaces))
                }
                rest = rest[rest.index(after: close)...]
            }
            let parts = rest.components(separatedBy: " = ").dropFirst()
            if let last = parts.last, let colon = last.firstIndex(of: ":"), parts.count == 1 {
                // `∂L/∂x[39] = 0: no tap read x[39] ...`
                lines.append(GradientLine(tensor: tensor, index: index, value: number(String(last[..<colon])) ?? .nan))
            } else if let last = parts.last {
                let numbers = parts.count >= 3 ? parts[parts.count - 2 + parts.startIndex] : nil
                lines.append(GradientLine(tensor: tensor, index: index, value: number(last) ?? .nan, numbers: numbers))
            }
        }
        return lines
    }

    /// The sum `0.5·0 + (−1)·3` evaluates to, or nil when part of it is left out (`…`).
    static func evaluate(_ numbers: String) -> Double? {
        guard !numbers.contains("…") else { return nil }
        var total = 0.0
        for term in numbers.components(separatedBy: " + ") {
            var product = 1.0
            for factor in term.components(separatedBy: "·") {
                guard let value = number(factor.replacingOccurrences(of: "/", with: " ")) ?? division(factor) else { return nil }
                product *= value
            }
            total += product
        }
        return total
    }

    private static func division(_ factor: String) -> Double? {
        let parts = factor.components(separatedBy: "/")
        guard parts.count == 2, let a = number(parts[0]), let b = number(parts[1]) else { return nil }
        return a / b
    }

    /// The flat index of `index` in a tensor of `shape`: dimensions of extent 1 the line leaves out.
    static func flat(_ index: [Int], shape: [Int]) -> Int {
        let dims = index.count == shape.count ? shape : shape.filter { $0 != 1 }
        guard dims.count == index.count else { return index.last ?? 0 }
        return zip(index, dims).reduce(0) { $0 * $1.1 + $1.0 }
    }

    /// Checks every conv line of `text` against `grads` (by tensor letter) and its own sum; returns
    /// how many lines each tensor had.
    static func check(_ text: String, grads: [String: Tensor], digits tolerance: Double = 2e-7) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in convLines(text) {
            counts[line.tensor, default: 0] += 1
            guard let grad = grads[line.tensor] else { Issue.record("no gradient for \(line.tensor)"); continue }
            let position = flat(line.index, shape: grad.shape)
            guard position < grad.count else { Issue.record("∂L/∂\(line.tensor)\(line.index) is outside \(grad.shape)"); continue }
            let expected = grad.scalars[position]
            #expect(abs(line.value - expected) <= tolerance * max(1, abs(expected)),
                    "∂L/∂\(line.tensor)\(line.index) shows \(line.value), .grad holds \(expected)")
            if let numbers = line.numbers, let sum = evaluate(numbers) {
                #expect(abs(sum - line.value) <= 1e-6 * max(1, abs(line.value)), "∂L/∂\(line.tensor)\(line.index): \(numbers) ≠ \(line.value)")
            }
        }
        return counts
    }

    /// A program's explanation and the `.grad` of x, w and b, which it shows last, in that order.
    static func run(_ program: String) throws -> (text: String, grads: [String: Tensor]) {
        let run = ExplainRun(program + "\nx.grad\nw.grad\nb.grad")
        #expect(run.diagnostics.isEmpty, "\(run.firstError)")
        let tensors = run.events.compactMap { event -> Tensor? in
            if case .value(let value) = event { return value.hostValue.asTensor }
            return nil
        }
        try #require(tensors.count == 3)
        let text = try #require(run.explanations.first)
        return (text, ["x": tensors[0], "w": tensors[1], "b": tensors[2]])
    }

    static let geometries: [(String, String)] = [
        ("the walkthrough", "x=[[[2., 3., 4.]]]; w=[[[0.5, -1.]]]; b=[0.1]; y = F.conv1d(x, w, b, stride=2, padding=1); loss = (y * y).sum()"),
        ("stride 3, padding 2, dilation 2", "x=[[[1., -2., 3., 0.5, 4., -1., 2.]]]; w=[[[1., 0.5, -0.25]]]; b=[0.]; loss = (F.conv1d(x, w, b, stride=3, padding=2, dilation=2) ** 2).sum()"),
        ("channels and a batch, padding same", "x=[[[1., 2., 3., 4.], [0., 1., 0., -1.], [2., 2., -1., 0.]], [[1., 0., 0., 1.], [3., -1., 2., 0.], [1., 1., 1., 1.]]]; w=[[[0.5, -1., 0.25], [1., 0., 1.], [-0.5, 0.5, 2.]], [[1., 1., 1.], [0., -1., 0.], [0.25, 0.5, 0.75]]]; b=[0.5, -0.5]; loss = F.conv1d(x, w, b, padding=\"same\").sum()"),
        ("groups, stride 2", "x=[[[1., 2., 3., 4., 5.], [0., 1., 0., -1., 2.], [2., 2., -1., 0., 1.], [1., 0., 1., 0., 1.]]]; w=[[[0.5, -1.], [1., 0.]], [[1., 1.], [0., -1.]], [[0.25, 0.5], [2., -2.]], [[1., 0.], [0., 1.]]]; b=[0., 1., 2., 3.]; loss = (F.conv1d(x, w, b, stride=2, groups=2) * 0.5).sum()"),
    ]

    @Test(arguments: geometries)
    func everyLineEndsInTheGradientAutogradReturns(_ geometry: (String, String)) throws {
        let setup = geometry.1.components(separatedBy: "; ")
        var program = ["import torch", "import torch.nn.functional as F"]
        for assignment in setup.prefix(3) {
            let (name, value) = (assignment.prefix(1), assignment.dropFirst(2))
            program.append("\(name) = torch.tensor(\(value), requires_grad=True)")
        }
        program += setup.dropFirst(3) + ["explain loss.backward()"]
        let (text, grads) = try Self.run(program.joined(separator: "\n"))
        let counts = Self.check(text, grads: grads)
        // Every weight and bias element has its line; every input element of item 0 too.
        #expect(counts["w"] == grads["w"]?.count, "\(geometry.0)")
        #expect(counts["b"] == grads["b"]?.count, "\(geometry.0)")
        let items = grads["x"].map { $0.rank == 3 ? $0.shape[0] : 1 } ?? 1
        #expect(counts["x"] == (grads["x"]?.count ?? 0) / items, "\(geometry.0)")
    }

    /// A layer's backward explained: the program, then each letter a line names (`W`, `γ`) with
    /// the expression of the `.grad` it must equal.
    static let layers: [(String, String, [(String, String)])] = [
        ("linear, float32", """
            x = torch.tensor([[1., 2., -1.], [0.5, 0., 3.]], requires_grad=True)
            fc = nn.Linear(3, 2)
            loss = (fc(x) ** 2).sum()
            """, [("x", "x.grad"), ("W", "fc.weight.grad"), ("b", "fc.bias.grad")]),
        ("linear on a batch of sequences, no bias, float64", """
            x = torch.tensor([[[1., 2.], [0., -1.], [3., 1.]]], dtype=torch.float64, requires_grad=True)
            fc = nn.Linear(2, 3, bias=False, dtype=torch.float64)
            loss = (fc(x) * torch.arange(9., dtype=torch.float64).view(1, 3, 3)).sum()
            """, [("x", "x.grad"), ("W", "fc.weight.grad")]),
        ("batch norm in training, (N, C, L)", """
            x = torch.tensor([[[1., 2., 0.], [3., -1., 2.]], [[0.5, 1., 4.], [-2., 0., 1.]]], dtype=torch.float64, requires_grad=True)
            bn = nn.BatchNorm1d(2, dtype=torch.float64)
            loss = (bn(x) * torch.arange(12., dtype=torch.float64).view(2, 2, 3)).sum()
            """, [("x", "x.grad"), ("γ", "bn.weight.grad"), ("β", "bn.bias.grad")]),
        ("batch norm in evaluation", """
            x = torch.tensor([[1., 2.], [3., -2.], [0.5, 1.]], requires_grad=True)
            bn = nn.BatchNorm1d(2)
            bn.running_mean = torch.tensor([0.5, -1.])
            bn.eval()
            loss = (bn(x) * torch.tensor([[1., 2.], [3., 4.], [5., 6.]])).sum()
            """, [("x", "x.grad"), ("γ", "bn.weight.grad"), ("β", "bn.bias.grad")]),
        ("layer norm over two dimensions", """
            x = torch.tensor([[[1., 2., 4.], [0., -1., 1.]]], dtype=torch.float64, requires_grad=True)
            ln = nn.LayerNorm([2, 3], dtype=torch.float64)
            loss = (ln(x) * torch.arange(6., dtype=torch.float64).view(1, 2, 3)).sum()
            """, [("x", "x.grad"), ("γ", "ln.weight.grad"), ("β", "ln.bias.grad")]),
        ("dropout", """
            torch.manual_seed(3)
            x = torch.tensor([[1., 2., 3., 4.], [5., 6., 7., 8.]], requires_grad=True)
            loss = (nn.Dropout(0.25)(x) * torch.arange(8.).view(2, 4)).sum()
            """, [("x", "x.grad")]),
        ("adaptive max pooling, channels", """
            x = torch.tensor([[[1., 5., 2., 4., 3.], [0., -1., 2., 2., 1.]]], requires_grad=True)
            loss = (nn.AdaptiveMaxPool1d(3)(x) * torch.arange(6.).view(1, 2, 3)).sum()
            """, [("x", "x.grad")]),
        ("adaptive average pooling", """
            x = torch.tensor([[1., 5., 2., 4., 3., 0., 7.]], requires_grad=True)
            loss = (nn.AdaptiveAvgPool1d(3)(x) * torch.tensor([[1., -2., 3.]])).sum()
            """, [("x", "x.grad")]),
        ("transposed convolution, stride, padding, dilation", """
            x = torch.tensor([[[2., 3., 4.]]], requires_grad=True)
            w = torch.tensor([[[0.5, -1., 2.]]], requires_grad=True)
            b = torch.tensor([0.1], requires_grad=True)
            loss = (F.conv_transpose1d(x, w, b, stride=2, padding=1, dilation=2) ** 2).sum()
            """, [("x", "x.grad"), ("w", "w.grad"), ("b", "b.grad")]),
        ("transposed convolution, channels, groups, a batch, output padding", """
            x = torch.tensor([[[1., 2., 3.], [0., 1., -1.], [2., 2., 0.], [1., -1., 1.]], [[0., 1., 0.], [1., 1., 1.], [-1., 0., 2.], [3., 0., 1.]]], dtype=torch.float64, requires_grad=True)
            ct = nn.ConvTranspose1d(4, 6, 2, stride=2, output_padding=1, groups=2, dtype=torch.float64)
            loss = (ct(x) * torch.arange(42., dtype=torch.float64).view(1, 6, 7)).sum()
            """, [("x", "x.grad"), ("w", "ct.weight.grad"), ("b", "ct.bias.grad")]),
    ]

    @Test(arguments: layers)
    func everyLayerLineEndsInTheGradientAutogradReturns(_ layer: (String, String, [(String, String)])) throws {
        let (name, body, grads) = layer
        let program = ["import torch", "import torch.nn as nn", "import torch.nn.functional as F", body, "explain loss.backward()"]
            + grads.map(\.1)
        let run = ExplainRun(program.joined(separator: "\n"))
        #expect(run.diagnostics.isEmpty, "\(name): \(run.firstError)")
        let tensors = run.events.compactMap { event -> Tensor? in
            if case .value(let value) = event { return value.hostValue.asTensor }
            return nil
        }
        try #require(tensors.count == grads.count, "\(name)")
        let text = try #require(run.explanations.first)
        let byLetter = Dictionary(uniqueKeysWithValues: zip(grads.map(\.0), tensors))
        let counts = Self.check(text, grads: byLetter)
        // Every parameter element has its line; the input has at least one.
        for (letter, grad) in byLetter where letter != "x" {
            #expect(counts[letter] == grad.count, "\(name): \(letter) has \(counts[letter] ?? 0) lines for \(grad.count) elements")
        }
        #expect((counts["x"] ?? 0) >= 1, "\(name): no line for x")
    }

    @Test func theTransposedConvolutionsInputGradientIsAnOrdinaryConvolution() throws {
        let run = ExplainRun("""
            import torch
            import torch.nn.functional as F
            x = torch.tensor([[[2., 3., 4.]]], requires_grad=True)
            w = torch.tensor([[[0.5, -1., 2.]]], requires_grad=True)
            loss = (F.conv_transpose1d(x, w, stride=2, padding=1) * torch.tensor([1., 2., 3., 4., 5.])).sum()
            explain loss.backward()
            """)
        let text = try #require(run.explanations.first)
        for line in ["  ∂L/∂w[1] = g[0]·x[0] + g[2]·x[1] + g[4]·x[2] = 1·2 + 3·3 + 5·4 = 31",
                     "  ∂L/∂x[1] = g[1]·w[0] + g[2]·w[1] + g[3]·w[2] = 2·0.5 + 3·(−1) + 4·2 = 6"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        #expect(text.contains("an ordinary convolution of g with w (stride 2, padding 1, dilation 1)"))
    }

    @Test func aLongLinearLayerIsSummarised() throws {
        let run = ExplainRun("""
            import torch
            import torch.nn as nn
            x = torch.ones(20, 30, requires_grad=True)
            fc = nn.Linear(30, 10)
            loss = fc(x).sum()
            explain loss.backward()
            """)
        let text = try #require(run.explanations.first)
        let lines = text.split(separator: "\n")
        // 4 + 1 rows of 6 + 1 features, the elisions, and sums of 6 + 2 of the 20 rows.
        #expect(lines.filter { $0.hasPrefix("  ∂L/∂W[") }.count == 5 * 7)
        #expect(lines.contains { $0.hasPrefix("  ∂L/∂W[0, 0] = g[0, 0]·x[0, 0] + ") && $0.contains(" + … + ") && $0.hasSuffix(" = 20") })
        #expect(lines.count < 120)
    }

    @Test func theWalkthroughIsTheArithmeticDoneByHand() throws {
        let (text, grads) = try Self.run("""
            import torch
            import torch.nn.functional as F
            x = torch.tensor([[[2., 3., 4.]]], requires_grad=True)
            w = torch.tensor([[[0.5, -1.]]], requires_grad=True)
            b = torch.tensor([0.1], requires_grad=True)
            loss = F.conv1d(x, w, b, stride=2, padding=1).sum()
            explain loss.backward()
            """)
        for line in ["  g = [1, 1]",
                     "  ∂L/∂w[0] = g0·(0) + g1·x[1] = 1·0 + 1·3 = 3",
                     "  ∂L/∂w[1] = g0·x[0] + g1·x[2] = 1·2 + 1·4 = 6",
                     "  ∂L/∂b = g0 + g1 = 1 + 1 = 2",
                     "  ∂L/∂x[0] = g0·w1 = 1·(−1) = −1",
                     "  ∂L/∂x[1] = g1·w0 = 1·0.5 = 0.5",
                     "  ∂L/∂x[2] = g1·w1 = 1·(−1) = −1",
                     "  the zero padding is not part of the input, so its shares are dropped: position 0 gets g0·w0; position 4 gets nothing"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        #expect(grads["w"]?.scalars == [3, 6])
        #expect(grads["b"]?.scalars == [2])
        #expect(grads["x"]?.scalars == [-1, 0.5, -1])
    }

    /// The explanation is built from the engine's tensors directly, in float32 and in float64.
    @Test(arguments: [DType.float32, .float64])
    func float32AndFloat64ExplainAlike(_ dtype: DType) throws {
        func leaf(_ values: [Double], _ shape: [Int]) throws -> Variable {
            let tensor = try #require(Tensor(shape: shape, scalars: values)).converted(to: dtype)
            return try Variable(tensor, requiresGrad: true)
        }
        let x = try leaf([2, 3, 4, -1, 0.5], [1, 1, 5])
        let w = try leaf([0.5, -1, 0.1], [1, 1, 3])
        // A bias that keeps every output positive, so the ReLU passes each gradient on.
        let b = try leaf([2.5], [1])
        let y = try Functional.conv1d(x, w, b, parameters: ConvolutionParameters(stride: 2, padding: .explicit(left: 1, right: 2)))
        let loss = try Functional.mseLoss(try y.relu(), Variable(constant: try #require(Tensor(shape: [1, 1, 3], scalars: [0.3, -0.7, 1.1])).converted(to: dtype)))
        let recorder = BackwardRecorder()
        try loss.backward(observer: recorder)
        let text = BackwardExplanationText(recorder: recorder, names: TensorNames(globals: nil), root: loss, rootValue: loss.data,
                                           seeded: false, elementLimit: Int.max, all: true).render()
        let grads = try ["x": #require(x.grad), "w": #require(w.grad), "b": #require(b.grad)]
        #expect(grads.values.allSatisfy { $0.dtype == dtype })
        // The values shown are the engine's own, in its dtype, to 8 significant digits.
        let counts = Self.check(text, grads: grads, digits: dtype == .float32 ? 1e-7 : 1e-8)
        #expect(counts == ["x": 5, "w": 3, "b": 1])
        #expect(text.contains("node 1: MseLossBackward0"))
        #expect(text.contains("node 2: ReluBackward0"))
    }

    @Test func theFigureIsWellFormedXMLWithAGradientCellPerWeightTheBiasAndEachInput() throws {
        let run = ExplainRun("""
            import torch
            import torch.nn.functional as F
            x = torch.tensor([[[2., 3., 4.]]], requires_grad=True)
            w = torch.tensor([[[0.5, -1.]]], requires_grad=True)
            b = torch.tensor([0.1], requires_grad=True)
            explain(F.conv1d(x, w, b, stride=2, padding=1).sum().backward(), svg="backward.svg")
            """)
        let svg = try #require(run.file("backward.svg"))
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = ClassCounter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.elements["svg"] == 1)
        // Two taps, the bias and three input elements.
        #expect(counter.classes["output-cell"] == 2 + 1 + 3)
        // g0 and g1 under each tap's two positions, and both again for the bias.
        #expect(counter.classes["upstream-cell"] == 2 * 2 + 2)
        #expect(counter.texts.contains("∂L/∂w[0]"))
        #expect(counter.texts.contains("1·0 + 1·3 = 3"))
        #expect(counter.texts.contains("1 + 1 = 2"))
    }

    @Test func anOptimizerStepShowsTheRuleWithItsNumbersAndThenSteps() throws {
        let run = ExplainRun("""
            import torch
            w = torch.tensor([0.5, -1.], dtype=torch.float64, requires_grad=True)
            opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
            (w * torch.tensor([2., 4.], dtype=torch.float64)).sum().backward()
            explain opt.step()
            w
            """)
        let text = try #require(run.explanations.first)
        #expect(text.contains("  w[0]: grad = 2; buf = g = 2 (first step); w = 0.5 − 0.1·2 = 0.3\n"))
        #expect(text.contains("  w[1]: grad = 4; buf = g = 4 (first step); w = −1 − 0.1·4 = −1.4\n"))
        #expect(run.values.last?.contains("0.3") == true)
    }

    @Test func anOptimizerStepDrawsNoFigureAndSaysSoBeforeStepping() {
        let run = ExplainRun("""
            import torch
            w = torch.tensor([0.5], requires_grad=True)
            opt = torch.optim.SGD([w], lr=0.1)
            (w * 2).sum().backward()
            explain(opt.step(), svg="step.svg")
            w
            """)
        #expect(run.firstError.contains("explain draws no figure of an optimizer's step"))
        #expect(run.file("step.svg") == nil)
        #expect(run.values.isEmpty, "the program stops at the refusal")
    }

    @Test func methodsOtherThanBackwardAndStepAreRefusedBeforeTheyRun() {
        let run = ExplainRun("import torch\nw = torch.tensor([1.], requires_grad=True)\nexplain w.sum()")
        #expect(run.firstError.contains("explain cannot show the method sum()"))
    }

    /// `--json`: the backward explanation is an `explain` record with its text and figure; the
    /// step's, one with its text and no figure.
    @Test func jsonRecordsCarryTheTextAndTheFigure() {
        var lines: [String] = []
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.figuresAsEvents = true
        let interpreter = Interpreter(recording: configuration) { lines.append($0.json) }
        _ = interpreter.run("""
            import torch
            import torch.nn.functional as F
            w = torch.tensor([[[0.5, -1.]]], requires_grad=True)
            opt = torch.optim.SGD([w], lr=0.1)
            explain F.conv1d(torch.tensor([[[2., 3., 4.]]]), w).sum().backward()
            explain opt.step()
            """, name: "test.conv")
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.map { $0["kind"] as? String } == ["explain", "explain"])
        #expect((records.first?["text"] as? String)?.contains("∂L/∂w[0] = g0·x[0] + g1·x[1] = 1·2 + 1·3 = 5") == true)
        #expect((records.first?["svg"] as? String)?.contains("upstream-cell") == true)
        #expect((records.last?["text"] as? String)?.contains("w[0, 0, 0]: grad = 5; w = 0.5 − 0.1·5 = −7.4505806e-09") == true)
        #expect(records.last?["svg"] is NSNull)
    }

    private final class ClassCounter: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var classes: [String: Int] = [:]
        var texts: [String] = []
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if let className = attributes["class"] { classes[className, default: 0] += 1 }
            current = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }
}
