/// Devices: `torch.device("cuda" if torch.cuda.is_available() else "cpu")`, `x.device`,
/// `x.to(device)`, `device=`. conv computes on the CPU, so `torch.cuda.is_available()` is False,
/// the CPU is accepted wherever PyTorch takes a device, and computing on any other device is
/// refused with a clear message, at the place it was asked for.

/// A `torch.device`: its kind (`"cpu"`, `"cuda"`, …) and index, shown as PyTorch shows it
/// (`device(type='cuda', index=0)` as its repr, `cuda:0` as its str), equal to another device of
/// the same kind and index.
final class DeviceObject: TorchObject, Sendable {
    let kind: String
    let index: Int?

    init(kind: String, index: Int? = nil) { (self.kind, self.index) = (kind, index) }

    /// Every tensor's device.
    static let cpu = DeviceObject(kind: "cpu")

    var typeName: String { "device" }
    var description: String { "device(type='\(kind)'" + (index.map { ", index=\($0)" } ?? "") + ")" }
    var str: String { kind + (index.map { ":\($0)" } ?? "") }

    func isEqual(to other: any TorchObject) -> Bool {
        guard let other = other as? DeviceObject else { return false }
        return kind == other.kind && index == other.index
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "type": .string(kind)
        case "index": index.map(Value.int) ?? Value.none
        default: nil
        }
    }

    var memberNames: [String] { ["index", "type"] }

    /// The device kinds PyTorch knows, in the order its message lists them.
    static let kinds = ["cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia", "xla",
                        "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone"]

    /// The device a string names (`"cpu"`, `"cuda:1"`); nil when it names none.
    static func named(_ text: String) -> DeviceObject? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let kind = parts.first.map(String.init), kinds.contains(kind) else { return nil }
        guard parts.count == 2 else { return DeviceObject(kind: kind) }
        guard parts[1].allSatisfy(\.isASCII), let index = Int(parts[1]), index >= 0 else { return nil }
        return DeviceObject(kind: kind, index: index)
    }

    /// The device a string names, or PyTorch's RuntimeError for one that names none.
    static func parse(_ text: String, at range: SourceRange) throws(RuntimeError) -> DeviceObject {
        if let device = named(text) { return device }
        guard !text.isEmpty else { throw RuntimeError("Device string must not be empty", at: range) }
        guard kinds.contains(String(text.prefix { $0 != ":" })) else {
            throw RuntimeError("Expected one of \(kinds.joined(separator: ", ")) device type at start of device string: \(text)",
                               at: range)
        }
        throw RuntimeError("Invalid device string: '\(text)'", at: range)
    }
}

extension Value {
    /// The device this value names: a `torch.device`, or a string such as `"cpu"` or
    /// `"cuda:0"` whose kind PyTorch knows; nil for anything else.
    var device: DeviceObject? {
        switch self {
        case .object(let box): return box.object as? DeviceObject
        case .string(let text): return DeviceObject.named(text)
        default: return nil
        }
    }
}

/// `device=` and `.to(device)`: the CPU is accepted; any other device, CUDA's among them, is
/// refused with a clear message.
enum DeviceArgument {
    /// Whether `value` names a device: a `torch.device`, or a string such as `"cpu"` or `"cuda:0"`.
    static func isDevice(_ value: Value) -> Bool { value.device != nil }

    /// Accepts none and the CPU; refuses anything else at `range`.
    static func check(_ value: Value, at range: SourceRange) throws(RuntimeError) {
        if case .none = value { return }
        // A string that names no device gets PyTorch's own message for it.
        let named: DeviceObject? = if case .string(let text) = value { try DeviceObject.parse(text, at: range) } else { value.device }
        guard let device = named else {
            throw RuntimeError("a device must be a string such as \"cpu\" or a torch.device, not \(PythonText.typeName(value))",
                               at: range, raising: .typeError)
        }
        guard device.kind == "cpu" else {
            throw RuntimeError("conv computes on the CPU only: device '\(device.str)' is not available", at: range,
                               notes: ["torch.cuda.is_available() is False in conv; drop the device, or use \"cpu\""])
        }
    }
}

/// `torch.device`, `torch.cuda.is_available()` and the other questions tutorials ask before
/// choosing a device. They are reached by their dotted names only.
enum DeviceBuiltins {
    static let all: [Builtin] = [
        Builtin(name: "device", aliases: ["torch.device"], parameters: [.required("type"), .optional("index", default: .none)],
                summary: "a device: torch.device(\"cpu\"); conv computes on the CPU",
                details: """
                torch.device(type, index=None)

                  device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
                  x = x.to(device)

                conv computes on the CPU: torch.cuda.is_available() is False, so the usual line
                above chooses the CPU. A CUDA device can be named, but moving a tensor or a
                layer to it is refused.
                """,
                takesPythonValues: true,
                body: { call throws(RuntimeError) in
                    let given = call.value("type")
                    if let device = given.device, case .object = given { return .object(ObjectBox(device)) }
                    let device = try DeviceObject.parse(try call.string("type"), at: call.range(of: "type"))
                    guard call.isGiven("index"), !call.value("index").isNone else { return .object(ObjectBox(device)) }
                    guard device.index == nil else {
                        throw call.error("type (string) must not include an index because index was passed explicitly: \(device.str)",
                                         at: "index")
                    }
                    let index = try call.integer("index", in: 0...Int(Int32.max))
                    return .object(ObjectBox(DeviceObject(kind: device.kind, index: index)))
                }),
        unavailable("cuda.is_available", aliases: ["torch.cuda.is_available", "torch.backends.cuda.is_built"],
                    summary: "False: conv computes on the CPU"),
        unavailable("backends.mps.is_available", aliases: ["torch.backends.mps.is_available", "torch.backends.mps.is_built"],
                    summary: "False: conv computes on the CPU"),
        Builtin(name: "cuda.device_count", aliases: ["torch.cuda.device_count"], parameters: [],
                summary: "0: conv computes on the CPU", details: "torch.cuda.device_count()",
                body: { _ throws(RuntimeError) in .int(0) }),
        seeding("cuda.manual_seed", aliases: ["torch.cuda.manual_seed"]),
        seeding("cuda.manual_seed_all", aliases: ["torch.cuda.manual_seed_all"]),
    ]

    private static func unavailable(_ name: String, aliases: [String], summary: String) -> Builtin {
        Builtin(name: name, aliases: aliases, parameters: [], summary: summary, details: "\(aliases[0])()",
                body: { _ throws(RuntimeError) in .bool(false) })
    }

    /// Seeding a GPU's generator: there is none, so nothing is seeded, as in PyTorch without
    /// one (`torch.manual_seed` seeds the CPU's).
    private static func seeding(_ name: String, aliases: [String]) -> Builtin {
        Builtin(name: name, aliases: aliases, parameters: [.required("seed")],
                summary: "does nothing: conv has no GPU generator (torch.manual_seed seeds conv's)", details: "\(aliases[0])(seed)",
                body: { call throws(RuntimeError) in
                    _ = try call.integer("seed")
                    return .none
                })
    }
}
