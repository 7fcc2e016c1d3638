import Testing
import ConvLang

/// A call made for its effect (PyTorch's trailing-underscore calls, a module method that hands
/// the module back) shows its value in an interactive session, as Python's does, and nothing in
/// a script, as python3 shows nothing for those lines.
@Suite("Calls made for their effect")
struct CallsForEffectTests {
    private let source = """
        import torch
        import torch.nn as nn
        m = nn.Linear(2, 1)
        m.eval()
        m.requires_grad_(False)
        w = torch.zeros(2)
        w.add_(1)
        nn.init.constant_(w, 3)
        w.sum()
        m
        """

    private func shown(showingCallsForEffect flag: Bool) -> [String] {
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.showsResultsOfCallsForEffect = flag
        let lines = Lines()
        let interpreter = Interpreter(configuration: configuration) { event in lines.items.append(event.text) }
        _ = interpreter.run(source, name: "effects.conv")
        return lines.items
    }

    @Test func anInteractiveSessionShowsEveryValue() {
        let lines = shown(showingCallsForEffect: true)
        #expect(lines.count == 6, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("Linear(") }.count == 3)
    }

    @Test func aScriptShowsOnlyWhatItsLinesCompute() {
        // w.sum() and the bare name m still show: they are not calls made for their effect.
        let lines = shown(showingCallsForEffect: false)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first == "6")
        #expect(lines.last?.hasPrefix("Linear(in_features=2, out_features=1") == true)
    }

    private final class Lines: @unchecked Sendable {
        var items: [String] = []
    }
}
