import Testing
import ConvLang

/// `Identity`, PyTorch's `nn.Identity`: a layer that gives back its input unchanged.
@Suite("Identity")
struct IdentityTests {
    @Test func givesBackItsInputUnchanged() {
        #expect(show("Identity()([[1, 2], [3, 4]])") == "[[1, 2],\n [3, 4]]")
        #expect(show("nn.Identity()(2.5)") == "2.5")
        #expect(show("Identity()(\"text\")") == "\"text\"")
    }

    @Test func acceptsAndIgnoresAnyConstructorArguments() {
        #expect(show("Identity()") == "Identity()")
        #expect(show("nn.Identity(54, unused_argument1=0.1, unused_argument2=False)") == "Identity()")
    }

    @Test func takesOneInput() {
        #expect(show("Identity()([1], [2])") == "error: a layer takes one input: m(x)")
        #expect(show("Identity()(x=[1])") == "error: a layer takes one input: m(x)")
    }

    @Test func hasNoParametersAndNothingToAssign() {
        #expect(show("m = Identity(); m.weight = [1]")
                == "error: Identity has no weight or bias to assign; make a new layer to change 'weight'")
        let layer = Interpreter(configuration: .init(seed: 0)).run("Identity()").lastValue
        #expect(layer.map(JSONEncoding.encode) == #"{"type":"Identity"}"#)
    }

    @Test func passesShapesThroughAModel() {
        let outcome = run("""
        model = Sequential(Conv1d(1, 2, 3, w=ones(2, 1, 3), b=0), Identity(), ReLU())
        model([[1, 2, 3, 4]])
        summary(model, (1, 1, 8))
        explain shape model(L=8)
        """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.lines.first == "[[6, 9],\n [6, 9]]")
        #expect(outcome.text.contains("(1): Identity                   [1, 2, 6]                     --"))
        #expect(outcome.text.contains("  (1) Identity()\n      the length is unchanged\n      → 2 channels × 6"))
    }
}
