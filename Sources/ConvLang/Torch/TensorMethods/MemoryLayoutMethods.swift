import ConvNumerics

/// What conv's tensors cannot say about their memory: conv stores every tensor contiguously (a
/// transposed or sliced view is a copy, and `x.contiguous()` is the tensor itself), so
/// `x.stride()` and `x.is_contiguous()` are refused in clear words rather than answered for a
/// layout PyTorch's view would not have; so are `x.half()` and `x.bfloat16()`, conv having no
/// 16-bit floats.
enum MemoryLayoutMethods {
    /// Methods only, as in PyTorch.
    static let methodsOnly: [Builtin] = [stride, isContiguous, half, bfloat16]

    private static let input = Builtin.Parameter.required("input")

    static let stride = refused("stride", [input, .optional("dim", default: .none)], "refused: conv keeps no strides")
    static let isContiguous = refused("is_contiguous", [input, .optional("memory_format", default: .none, namedOnly: true)],
                                      "refused: conv keeps no strides")
    static let half = refused("half", [input, .optional("memory_format", default: .none, namedOnly: true)],
                              "refused: conv has no float16 tensors")
    static let bfloat16 = refused("bfloat16", [input, .optional("memory_format", default: .none, namedOnly: true)],
                                  "refused: conv has no bfloat16 tensors")

    /// A method conv refuses, with what to write instead.
    private static func refused(_ name: String, _ parameters: [Builtin.Parameter], _ summary: String) -> Builtin {
        Builtin.tensorFunction(name, torch: false, parameters, summary, example: "x.\(name)()") { call throws(RuntimeError) in
            switch name {
            case "half", "bfloat16":
                throw call.error("conv has no \(name == "half" ? "float16" : "bfloat16") tensors, so x.\(name)() is refused",
                                 notes: ["conv computes in float32 and float64: x.float() gives float32"])
            default:
                throw call.error("conv keeps no strides, so x.\(name)() is refused: every conv tensor is stored contiguously, "
                                 + "and a transposed or sliced view is a copy, where PyTorch's view would share its base's strides",
                                 notes: ["x.contiguous() runs: it gives the tensor itself"])
            }
        }
    }
}
