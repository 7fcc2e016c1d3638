/// `Identity()`: PyTorch's `nn.Identity`, a placeholder layer that gives back its input
/// unchanged. As in PyTorch, it accepts and ignores any arguments when made.
final class Identity: Module {
    let trainingFlag = TrainingFlag()
    var description: String { "Identity()" }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value { try call.input() }

    static let constructor = Builtin(
        name: "Identity", aliases: ["torch.nn.Identity"], parameters: [.variadic("args"), .namedVariadic("kwargs")],
        summary: "a layer that gives back its input unchanged, as PyTorch's nn.Identity",
        details: """
        Identity(args..., **kwargs)

        A placeholder layer: Identity()(x) is x. It has no weights, keeps every shape, and
        accepts and ignores any arguments, as PyTorch's does, so a model keeps its layout
        when a layer is taken out:
          Sequential(Conv1d(1, 4, 3), Identity(), ReLU())
        """,
        constructsLayer: true, body: { _ throws(RuntimeError) in .layer(Layer(Identity())) })
}
