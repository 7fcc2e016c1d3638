import Foundation
import ConvLang
@testable import ConvCLI

/// A fresh folder tree for the sandbox tests, removed when released: root/granted (signal.csv
/// holding `1,2,3`, and sub/) and root/outside (secret.csv holding `42`). Each suite adds the
/// links and special files it tries.
class SandboxTree {
    let root: String
    var granted: String { root + "/granted" }
    var outside: String { root + "/outside" }
    /// Load and save granted `granted` only, with relative paths starting there.
    var access: DirectoryFileAccess { DirectoryFileAccess(granting: [granted], base: granted) }

    init() throws {
        var template = Array((NSTemporaryDirectory() + "conv-sandbox-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw FileAccessError("mkdtemp failed") }
        root = String(cString: made)
        let manager = FileManager.default
        try manager.createDirectory(atPath: granted + "/sub", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "1,2,3\n".write(toFile: granted + "/signal.csv", atomically: true, encoding: .utf8)
        try "42\n".write(toFile: outside + "/secret.csv", atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A symbolic link at `granted/name` pointing at `destination`.
    func link(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: granted + "/" + name, withDestinationPath: destination)
    }
}
