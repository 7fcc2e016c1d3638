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
            // Split at the first "=" on the bytes: a search by Character would walk grapheme
            // clusters, which costs more than the rest of a short run's start-up.
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: strlen(entry))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                table[String(decoding: bytes[..<equals], as: UTF8.self)] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
            }
            pointer += 1
        }
        return table
    }
}
