#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting without Foundation, which keeps start-up fast and the
/// library's dependencies to the C library.
enum CFormatting {
    /// `x` formatted with a printf conversion such as `%.8g`.
    static func format(_ x: Double, _ specifier: String) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([x]) { arguments in
            buffer.withUnsafeMutableBufferPointer { pointer in
                vsnprintf(pointer.baseAddress, pointer.count, specifier, arguments)
            }
        }
        guard written > 0 else { return "\(x)" }
        let bytes = buffer.prefix(Swift.min(Int(written), buffer.count - 1)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A code point as `\uXXXX`.
    static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// The string with every `target` replaced, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
