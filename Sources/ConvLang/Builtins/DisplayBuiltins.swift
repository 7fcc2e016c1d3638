import TorchFormatting

/// Builtins about how values are shown: PyTorch's print options.
enum DisplayBuiltins {
    static let all: [Builtin] = [setPrintOptions]

    static let setPrintOptions = Builtin(
        name: "set_printoptions", aliases: ["torch.set_printoptions"],
        parameters: [
            .optional("precision", default: .none), .optional("threshold", default: .none),
            .optional("edgeitems", default: .none), .optional("linewidth", default: .none),
            .optional("profile", default: .none), .optional("sci_mode", default: .none),
        ],
        summary: "PyTorch's print options: digits, summarising, line width, scientific notation",
        details: """
        set_printoptions(precision=none, threshold=none, edgeitems=none, linewidth=none, profile=none, sci_mode=none)

        Sets how tensors print in PyTorch's display (after import torch, or conv --display torch),
        as torch.set_printoptions does: precision digits (4), summarise past threshold elements
        (1000) keeping edgeitems at each end (3), wrap at linewidth (80), sci_mode true or false
        to force scientific notation on or off (none lets each tensor choose; a call that does
        not give it chooses again). profile="default", "short" or "full" sets the first four.
        conv differs in two bounds: precision is at most 100, and a tensor of more than a million
        elements is summarised whatever the threshold.
          torch.set_printoptions(precision=2)
          torch.set_printoptions(profile="default")
        """,
        body: { call throws(RuntimeError) in
            let options = try PrintOptionsChange(call)
            options.apply(to: &call.context.display.options)
            return .none
        })
}

/// The arguments of one `set_printoptions` call, checked.
private struct PrintOptionsChange {
    var precision: Int?
    var threshold: Double?
    var edgeItems: Int?
    var lineWidth: Int?
    var profile: TorchPrintOptions.Profile?
    var sciMode: Bool?

    /// The largest precision: more digits than a double holds only pads with zeros.
    static let maximumPrecision = 100

    init(_ call: BuiltinCall) throws(RuntimeError) {
        func given(_ name: String) -> Bool {
            if case .none = call.value(name) { return false }
            return true
        }
        if given("precision") { precision = try call.integer("precision", in: 0...Self.maximumPrecision) }
        if given("threshold") { threshold = try call.number("threshold") }
        if given("edgeitems") { edgeItems = try call.integer("edgeitems", in: 0...Int(Int32.max)) }
        if given("linewidth") { lineWidth = try call.integer("linewidth", in: 1...Int(Int32.max)) }
        if given("sci_mode") { sciMode = try call.bool("sci_mode") }
        if given("profile") {
            let name = try call.string("profile")
            guard let profile = TorchPrintOptions.Profile(rawValue: name) else {
                let known = TorchPrintOptions.Profile.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw call.error("set_printoptions has no profile \"\(name)\"", at: "profile", notes: ["the profiles are \(known)"])
            }
            self.profile = profile
        }
    }

    func apply(to options: inout TorchPrintOptions) {
        options.set(precision: precision, threshold: threshold, edgeItems: edgeItems,
                    lineWidth: lineWidth, profile: profile, sciMode: sciMode)
    }
}
