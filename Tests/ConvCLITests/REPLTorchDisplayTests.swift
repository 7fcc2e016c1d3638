import ConvLang
import Testing
@testable import ConvCLI

/// The interactive session's display: `conv` on a terminal follows imports (`--display auto`),
/// so pasted PyTorch code echoes tensors as PyTorch does from its `import torch` on.
@Suite("REPL session: PyTorch's display")
struct REPLTorchDisplayTests {
    @Test func importingTorchSwitchesTheEcho() {
        var output: [String] = []
        var configuration = Interpreter.Configuration(seed: 0)
        DisplayChoice.auto.apply(to: &configuration)
        let settings = ReplSettings(version: "9.9.9", showsBanner: false, configuration: configuration, environment: [:])
        let session = ReplSession(settings: settings, output: ReplOutput(write: { output.append($0) }, writeError: { _ in }))
        session.run(reader: ScriptedLineReader(["tensor([1, 2])", "import torch", "tensor([1, 2])", "print(\"x\", tensor([0.5]))"].map(LineInput.line)))
        #expect(output == ["[1, 2]", "tensor([1., 2.], dtype=torch.float64)", "x tensor([0.5000], dtype=torch.float64)"])
    }
}
