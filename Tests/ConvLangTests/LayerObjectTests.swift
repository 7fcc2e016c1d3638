import Testing
import ConvLang

/// Layers are objects, as in PyTorch: assigning a member changes the layer itself, and every
/// name and model holding it sees the change.
@Suite("Layers as objects")
struct LayerObjectTests {
    @Test func assigningAWeightChangesEveryNameForTheLayer() {
        #expect(show("m = Conv1d(1, 1, 2); a = m; m.weight = [[[1, 2]]]; a.weight") == "[[[1, 2]]]")
        #expect(show("m = ConvTranspose1d(1, 1, 2); a = m; a.bias = 0.5; m.bias") == "[0.5]")
    }

    @Test func aModelSeesItsLayersChange() {
        #expect(show("m = Conv1d(1, 1, 2); seq = Sequential(m, ReLU()); m.weight = [1, 1]; m.bias = 0; seq([[1, 2, 3]])")
                == "[[3, 5]]")
    }

    @Test func assigningThroughAModelChangesTheLayerInside() {
        let outcome = run("""
        m = Conv1d(1, 1, 2)
        seq = Sequential(m, ReLU())
        seq[0].weight = [[[0.5, -1]]]
        seq[0].bias = 0.1
        m.weight, m.bias
        seq([[2, 3, 4]])
        """)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.lines == ["([[[0.5, -1]]], [0.1])", "[[0, 0]]"])
    }

    @Test func aSliceOfAModelSharesItsLayers() {
        #expect(show("seq = Sequential(Conv1d(1, 1, 2), ReLU()); part = seq[0:1]; part[0].bias = 7; seq[0].bias") == "[7]")
    }

    @Test func onlyALayersWeightAndBiasCanBeAssigned() {
        #expect(show("x = [1, 2]; x.shape = 3") == "error: 'x' is list; only a layer's weight and bias can be assigned")
        #expect(show("m = Conv1d(1, 1, 2); m.stride = 2")
                == "error: only a layer's weight and bias can be assigned; make a new layer to change 'stride'")
        #expect(show("Sequential(ReLU())[0].weight = 1")
                == "error: ReLU has no weight or bias to assign; make a new layer to change 'weight'")
    }

    @Test func aRefusedAssignmentLeavesTheLayerAsItWas() {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter.run("m = Conv1d(1, 1, 2, w=[1, 2], b=[3])")
        let refused = interpreter.run("m.weight = [1, 2, 3]")
        #expect(refused.diagnostics.map(\.message) == ["the weight must have shape [1, 1, 2], not [3]"])
        #expect(interpreter.run("m.bias = [1, 2]").diagnostics.map(\.message) == ["the bias must have shape [1], not [2]"])
        let kept = interpreter.run("m.weight, m.bias").lastValue.map(ValueFormatter.display)
        #expect(kept == "([[[1, 2]]], [3])")
    }

    @Test func layersAreEqualOnlyToThemselves() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter.run("m = Conv1d(1, 1, 2); same = m; twin = Conv1d(1, 1, 2, w=m.weight, b=m.bias); seq = Sequential(m)")
        guard case .layer(let m)? = interpreter.value(of: "m"), case .layer(let same)? = interpreter.value(of: "same"),
              case .layer(let twin)? = interpreter.value(of: "twin"),
              case .layer(let inside)? = interpreter.run("seq[0]").lastValue
        else { Issue.record("expected layers"); return }
        #expect(m == same)
        #expect(m == inside)
        #expect(m != twin)
        #expect(m.description == twin.description)
    }

    @Test func parametersAreNamedInPyTorchsOrder() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        let result = interpreter.run("""
        m = Conv1d(1, 2, 3)
        Sequential(m, ReLU(), Sequential(ConvTranspose1d(2, 1, 2, bias=false), m), MaxPool1d(2))
        """)
        guard case .layer(let model)? = result.lastValue else { Issue.record("expected a layer"); return }
        // A layer held twice counts once, as in PyTorch.
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.0.weight"])
        #expect(model.namedParameters.map(\.tensor.shape) == [[2, 1, 3], [2], [2, 1, 2]])
    }
}
