import ConvLang
import ConvNumerics

/// Runs bytes through the `.npy` and CSV readers, directly and through `load` in a program, and
/// says what went wrong. Every input must end in a tensor or the reader's own error; what the
/// readers accept must also survive a round trip through the writers unchanged.
public enum DataFileCheck {
    /// The most elements a fuzzed file may decode to: past the memory budget's threshold, yet quick.
    public static let elementLimit = 1 << 18

    /// The first byte picks the format, so that one corpus holds both and mutations cross over.
    public static func problems(checking bytes: [UInt8]) -> [String] {
        guard let selector = bytes.first else { return [] }
        let file = Array(bytes.dropFirst())
        let (path, problems) = selector % 2 == 0
            ? ("data.npy", npyProblems(file))
            : ("data.csv", csvProblems(file))
        return problems + loadProblems(file, path: path)
    }

    /// Decodes `.npy` bytes as float64 and keeping the stored dtype; what decodes must read back
    /// the same after ``NPYFormat/encode(_:)``.
    static func npyProblems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        for keeping in [false, true] {
            let budget = MemoryBudget(limit: 1 << 30)
            guard let tensor = try? NPYFormat.decode(bytes, elementLimit: elementLimit, memory: budget, keepingDType: keeping)
            else { continue }
            problems += shapeProblems(tensor, "npy")
            guard !keeping else { continue }
            do {
                let again = try NPYFormat.decode(NPYFormat.encode(tensor))
                if !sameElements(again, tensor) { problems.append("npy: a decoded array does not read back the same after encoding") }
            } catch {
                problems.append("npy: an encoded array does not decode: \(error)")
            }
        }
        return problems
    }

    /// Decodes CSV bytes; what decodes must read back the same after ``CSVFormat/encode(_:)``.
    static func csvProblems(_ bytes: [UInt8]) -> [String] {
        guard let tensor = try? CSVFormat.decode(bytes, elementLimit: elementLimit) else { return [] }
        var problems = shapeProblems(tensor, "csv")
        do {
            let again = try CSVFormat.decode(CSVFormat.encode(tensor))
            // One row and one column read back alike (rank 1), so compare the elements.
            if again.scalars.count != tensor.scalars.count || !sameElements(again, tensor, ignoringShape: true) {
                problems.append("csv: decoded values do not read back the same after encoding")
            }
        } catch {
            problems.append("csv: decoded values cannot be encoded and read again: \(error)")
        }
        return problems
    }

    /// `load(path)` in a program, with the bytes as the file: a tensor or one clear error.
    static func loadProblems(_ bytes: [UInt8], path: String) -> [String] {
        let files = InMemoryFileAccess(files: [path: bytes])
        let limits = Limits(maximumElements: elementLimit, maximumSteps: 1_000, timeLimit: .seconds(5), maximumMemory: 1 << 30)
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: limits, fileAccess: files))
        let result = interpreter.run("x = load(\"\(path)\")\nprint(x.shape)", name: "load.py")
        guard result.diagnostics.count <= 1 else { return ["load: several errors for one file: \(result.diagnostics.map(\.message))"] }
        if let diagnostic = result.diagnostics.first, diagnostic.kind == .syntax {
            return ["load: a syntax error in a fixed program: \(diagnostic.message)"]
        }
        return []
    }

    static func shapeProblems(_ tensor: Tensor, _ format: String) -> [String] {
        let product = tensor.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard product == tensor.scalars.count, tensor.shape.allSatisfy({ $0 >= 0 }) else {
            return ["\(format): shape \(tensor.shape) does not hold \(tensor.scalars.count) elements"]
        }
        return []
    }

    /// Equal elements bit for bit (so NaN equals NaN, and -0 differs from 0), and equal shapes.
    static func sameElements(_ a: Tensor, _ b: Tensor, ignoringShape: Bool = false) -> Bool {
        (ignoringShape || a.shape == b.shape)
            && a.scalars.count == b.scalars.count
            && zip(a.scalars, b.scalars).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }
}
