import Testing
import ConvLang

/// Tensors with autograd identity in the language: identity, grad mode, in-place rules and
/// PyTorch's refusals as located, catchable RuntimeErrors.
@Suite("Autograd in the language")
struct AutogradLanguageTests {
    private func printed(_ source: String) -> [String] {
        let outcome = run(source)
        return outcome.diagnostics.isEmpty ? outcome.lines : outcome.errors.map { "error: " + $0 }
    }

    @Test func aTensorThatRequiresGradIsOneObjectUnderEveryName() {
        #expect(printed("""
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            y = x
            (x * x).sum().backward()
            print(y.grad is x.grad, y is x, x.grad, y.grad)
            print(x.requires_grad, x.is_leaf, x.grad_fn, (x * 2).grad_fn, (x * 2).is_leaf)
            """) == ["True True [2, 4] [2, 4]", "True True None <MulBackward0 object> False"])
    }

    /// `torch.cat` and `torch.stack` record their node, and each part gets its slice of the
    /// gradient (the numbers PyTorch gives for the same program).
    @Test func joiningRecordsAndSplitsTheGradient() {
        #expect(printed("""
            x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
            y = torch.cat([x * 2, x[1:]])
            z = torch.stack((x, x ** 2), dim=-1)
            print(y.grad_fn, z.grad_fn, tuple(z.shape))
            (y.sum() + z.mean()).backward()
            print([round(g, 4) for g in x.grad.tolist()])
            """) == ["<CatBackward0 object> <StackBackward0 object> (3, 2)", "[2.5, 3.8333, 4.1667]"])
    }

    @Test func gradientsAccumulateUntilCleared() {
        #expect(printed("""
            x = torch.tensor([3.0], requires_grad=True)
            for i in range(3):
                (x * x).sum().backward()
            print(x.grad)
            g = x.grad
            g.zero_()
            print(x.grad, g is x.grad)
            """) == ["[18]", "[0]", "[0] True"])
    }

    @Test func noGradIsScopedHoweverTheBlockEnds() {
        #expect(printed("""
            def inside():
                with torch.no_grad():
                    return torch.is_grad_enabled()
            print(inside(), torch.is_grad_enabled())
            for i in range(2):
                with torch.no_grad():
                    break
            print(torch.is_grad_enabled())
            try:
                with torch.no_grad():
                    raise ValueError("stop")
            except ValueError:
                print(torch.is_grad_enabled())
            with torch.no_grad():
                with torch.enable_grad():
                    print(torch.is_grad_enabled())
                print(torch.is_grad_enabled())
            with torch.set_grad_enabled(False):
                print(torch.is_grad_enabled())
            x = torch.tensor([1.0], requires_grad=True)
            with torch.inference_mode():
                y = x * 2
            print(y.requires_grad, (x * 2).requires_grad)
            """) == ["False True", "True", "True", "True", "False", "False", "False True"])
    }

    @Test func aLeafIsChangedInPlaceOnlyWithoutGradMode() {
        #expect(printed("""
            w = torch.tensor([1.0, 2.0], requires_grad=True)
            v = w
            (w * w).sum().backward()
            try:
                w -= 0.5 * w.grad
            except RuntimeError as e:
                print(e)
            with torch.no_grad():
                w -= 0.5 * w.grad
            print(v, v is w, w.requires_grad)
            """) == ["a leaf Variable that requires grad is being used in an in-place operation.", "[0, 0] True True"])
    }

    @Test func pytorchsRefusalsAreLocatedRuntimeErrors() {
        let outcome = run("x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * 2\ny.backward()")
        #expect(outcome.errors == ["grad can be implicitly created only for scalar outputs"])
        #expect(outcome.diagnostics.first.map { $0.range.start } != nil)
        #expect(printed("""
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            y = (x * x).sum()
            y.backward()
            try:
                y.backward()
            except RuntimeError as e:
                print(str(e)[:40])
            try:
                torch.tensor([1.0]).sum().backward()
            except RuntimeError as e:
                print(e)
            """) == ["Trying to backward through the graph a s", "element 0 of tensors does not require grad and does not have a grad_fn"])
    }

    @Test func retainGraphAndExplicitGradientsAndAutogradGrad() {
        #expect(printed("""
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            y = (x * x * x).sum()
            y.backward(retain_graph=True)
            y.backward()
            print(x.grad)
            x.grad = None
            z = x * 3
            z.backward(torch.tensor([1.0, 10.0]))
            print(torch.autograd.grad((x * x).sum(), x))
            """).first == "[6, 24]")
    }

    @Test func layersOwnTheirParametersAndOptimizersUpdateThem() {
        #expect(printed("""
            torch.manual_seed(0)
            m = nn.Conv1d(1, 1, 2)
            w = m.weight
            params = list(m.parameters())
            print(params[0] is w, params[1] is m.bias, [n for n, p in m.named_parameters()])
            opt = torch.optim.SGD(m.parameters(), lr=0.5)
            loss = m(torch.tensor([[[1.0, 2.0, 3.0]]])).sum()
            loss.backward()
            before = w.detach()
            opt.step()
            print(w is m.weight, allclose(m.weight, before - 0.5 * w.grad))
            opt.param_groups[0]['lr'] = 0.0
            opt.step()
            print(allclose(m.weight, before - 0.5 * w.grad))
            opt.zero_grad()
            print(m.weight.grad, m.bias.grad)
            """) == ["True True ['weight', 'bias']", "True True", "True", "None None"])
    }

    @Test func torchDisplayShowsPyTorchsMarks() {
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.display = .torch
        let collector = Collector()
        let interpreter = Interpreter(recording: configuration) { collector.outcome.lines.append($0.text) }
        _ = interpreter.run("""
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            print(x)
            print(x * 2)
            print(nn.Parameter(torch.tensor([1.0])))
            """)
        #expect(collector.outcome.lines == [
            "tensor([1., 2.], requires_grad=True)",
            "tensor([2., 4.], grad_fn=<MulBackward0>)",
            "Parameter containing:\ntensor([1.], requires_grad=True)",
        ])
    }
}
