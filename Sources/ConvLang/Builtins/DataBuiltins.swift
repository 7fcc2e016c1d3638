import ConvNumerics

/// `load(path)` and `save(path, tensor)`: NumPy `.npy` and CSV files, through the host's
/// ``FileAccess`` (the library itself never opens a file).
enum DataBuiltins {
    static let all: [Builtin] = [load, save]

    static let load = Builtin(
        name: "load", aliases: ["numpy.load"], parameters: [.required("path", "file")],
        summary: "read a tensor from a NumPy .npy file or a CSV file",
        details: """
        load(path)   like np.load / np.loadtxt(delimiter=",")

        Reads a tensor; the extension decides the format:
          .npy   NumPy's format (versions 1-3): float16/32/64, int8-64, uint8-64 or bool,
                 little- or big-endian, C or Fortran order; values become 64-bit floats
          .csv   numbers separated by commas, one row per line; '#' starts a comment.
                 A single row or column gives a 1-D tensor, anything else rows x columns
        A relative path is taken from the script's folder (or the current folder for -e and
        standard input); the command line only reaches files under those folders.

        Example:
          x = load("signal.csv")
          save("smoothed.npy", conv(x, ones(3) / 3, p="same"))
        """,
        body: { call throws(RuntimeError) in
            let path = try call.string("path")
            let format = try DataFormat(path: path, call: call)
            let bytes = try read(path, call)
            let limit = call.context.limits.maximumElements
            do {
                switch format {
                case .npy: return .tensor(try NPYFormat.decode(bytes, elementLimit: limit, memory: call.context.limits.memoryBudget))
                case .csv: return .tensor(try CSVFormat.decode(bytes, elementLimit: limit))
                }
            } catch {
                throw call.error("cannot load \"\(path)\": \(error)", at: "path",
                                 kind: (error as? any KernelRefusal)?.diagnosticKind ?? .runtime)
            }
        })

    static let save = Builtin(
        name: "save", aliases: ["numpy.save"], parameters: [.required("path", "file"), .required("x", "tensor")],
        summary: "write a tensor to a NumPy .npy file or a CSV file",
        details: """
        save(path, x)   like np.save / np.savetxt(delimiter=",")

        Writes x; the extension decides the format:
          .npy   NumPy's format version 1, float64 ('<f8'), C order: np.load reads it back
                 exactly
          .csv   one row per line (a 1-D tensor one value per line, as np.savetxt writes
                 it), each number in the shortest form that reads back exactly; rank 0-2 only
        A relative path is taken from the script's folder; an existing file is replaced.

        Example:
          save("out.csv", conv(load("signal.csv"), [0.25, 0.5, 0.25], p="same"))
        """,
        body: { call throws(RuntimeError) in
            let path = try call.string("path")
            let format = try DataFormat(path: path, call: call)
            let tensor = try call.tensor("x", allowNumber: true)
            let bytes: [UInt8]
            switch format {
            case .npy: bytes = NPYFormat.encode(tensor)
            case .csv:
                do throws(CSVFormat.Failure) {
                    bytes = try CSVFormat.encode(tensor)
                } catch {
                    throw call.error("cannot save \"\(path)\": \(error)", at: "x", kind: error.diagnosticKind)
                }
            }
            try write(bytes, to: path, call)
            return .none
        })

    /// The formats, chosen by extension.
    private enum DataFormat {
        case npy
        case csv

        init(path: String, call: BuiltinCall) throws(RuntimeError) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".npy") {
                self = .npy
            } else if lowered.hasSuffix(".csv") {
                self = .csv
            } else {
                throw call.error("\"\(path)\" has no known data extension", at: "path",
                                 notes: ["use a name ending in .npy (NumPy) or .csv (comma-separated numbers)"])
            }
        }
    }

    private static func fileAccess(_ call: BuiltinCall, _ verb: String, _ path: String, argument: String) throws(RuntimeError) -> any FileAccess {
        guard let access = call.context.fileAccess else {
            throw call.error("cannot \(verb) \"\(path)\": this interpreter was given no file access", at: argument,
                             notes: ["the host decides whether a program may read and write files"], kind: .fileAccess)
        }
        return access
    }

    /// The bytes of the file at `path` (argument `argument` of `call`), through the host.
    static func read(_ path: String, _ call: BuiltinCall, argument: String = "path") throws(RuntimeError) -> [UInt8] {
        let access = try fileAccess(call, "load", path, argument: argument)
        do {
            return try access.read(path)
        } catch {
            throw call.error("cannot load \"\(path)\": \(error)", at: argument, kind: .fileAccess)
        }
    }

    /// Writes `bytes` to the file at `path` (argument `argument` of `call`), through the host.
    static func write(_ bytes: [UInt8], to path: String, _ call: BuiltinCall, argument: String = "path") throws(RuntimeError) {
        let access = try fileAccess(call, "save", path, argument: argument)
        do {
            try access.write(path, bytes)
        } catch {
            throw call.error("cannot save \"\(path)\": \(error)", at: argument, kind: .fileAccess)
        }
    }
}
