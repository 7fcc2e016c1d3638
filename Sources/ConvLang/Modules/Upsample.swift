import ConvAutograd
import ConvNumerics

/// `Upsample(size=None, scale_factor=None, mode="nearest", align_corners=None)`: PyTorch's
/// `nn.Upsample`, `F.interpolate` as a layer (``Resampling``), for decoders that lengthen a
/// signal before a convolution.
final class Upsample: EngineModule {
    let trainingFlag = TrainingFlag()
    let request: Resampling
    /// Whether size or scale_factor was written as a one-element tuple, which the repr keeps.
    let writtenAsTuple: Bool

    init(request: Resampling, writtenAsTuple: Bool) { (self.request, self.writtenAsTuple) = (request, writtenAsTuple) }

    /// PyTorch's extra_repr: the size or the scale factor (as a float), then the mode.
    var description: String {
        let setting: String
        if let size = request.size {
            setting = "size=" + (writtenAsTuple ? "(\(size),)" : "\(size)")
        } else if let scale = request.scale {
            let text = LayerTensors.pythonFloat(scale)
            setting = "scale_factor=" + (writtenAsTuple ? "(\(text),)" : text)
        } else {
            setting = "scale_factor=None"
        }
        return "Upsample(\(setting), mode='\(request.mode)')"
    }

    func refusal(of shape: [Int]) -> LayerRefusalError? {
        request.problem(rank: shape.count).map { LayerRefusalError(message: $0.message, pythonClass: $0.kind) }
    }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try request.apply(to: x)
    }

    var members: [(name: String, value: Value)] {
        [("size", request.size.map(Value.int) ?? .none), ("scale_factor", request.scale.map(Value.number) ?? .none),
         ("mode", .string(request.mode)), ("align_corners", request.alignCorners.map(Value.bool) ?? .none)]
    }

    var jsonFields: [(String, String)] {
        [("mode", JSONEncoding.string(request.mode))]
            + (request.size.map { [("size", "\($0)")] } ?? [])
            + (request.scale.map { [("scale_factor", JSONEncoding.number($0))] } ?? [])
    }

    static let constructor = Builtin(
        name: "Upsample", aliases: ["torch.nn.Upsample"],
        parameters: [.optional("size", default: .none), .optional("scale_factor", default: .none),
                     .optional("mode", default: .string("nearest")), .optional("align_corners", default: .none),
                     .optional("recompute_scale_factor", default: .none)],
        summary: "lengthens (or shortens) a signal, as PyTorch's nn.Upsample",
        details: """
        Upsample(size=None, scale_factor=None, mode="nearest", align_corners=None)

        F.interpolate as a layer: resamples a (N, C, L) input to length size, or
        floor(L * scale_factor), by repeating samples ("nearest") or blending neighbours
        ("linear"). No weights.

        Example:
          Upsample(scale_factor=2)(tensor([[[1., 2.]]]))      # [[[1., 1., 2., 2.]]]
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            var request = Resampling(
                size: try Resampling.single(call, "size", integer: true, spatial: []).map { Int($0) },
                scale: try Resampling.single(call, "scale_factor", integer: false, spatial: []),
                mode: try call.string("mode"),
                alignCorners: call.value("align_corners") == .none ? nil : try call.bool("align_corners"))
            request.recomputeScale = call.value("recompute_scale_factor") == .none ? false : try call.bool("recompute_scale_factor")
            let tupled = [call.value("size"), call.value("scale_factor")].contains { value in
                switch value {
                case .tuple, .list: true
                default: false
                }
            }
            return .layer(Layer(Upsample(request: request, writtenAsTuple: tupled)))
        })
}
