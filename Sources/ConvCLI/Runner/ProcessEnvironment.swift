#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables, read once from the C library.
enum ProcessEnvironment {
    static var variables: [String: String] {
        var table: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                table[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return table
    }
}
