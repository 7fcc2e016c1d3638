import Synchronization

/// How an interpreter reaches files, granted by its host.
///
/// The library never opens files itself: `load` and `save` call the host's `FileAccess`, which
/// decides what a path means (relative to what) and which paths are allowed. With no
/// `FileAccess` configured, `load` and `save` fail with a clear error.
public protocol FileAccess: Sendable {
    /// The bytes of the file at `path`, or an error whose description says why not.
    func read(_ path: String) throws -> [UInt8]
    /// Creates or replaces the file at `path` with `bytes`.
    func write(_ path: String, _ bytes: [UInt8]) throws
}

extension FileAccess {
    /// Writes `bytes` to `path`; the same as ``write(_:_:)`` with the arguments named.
    public func write(_ bytes: [UInt8], to path: String) throws { try write(path, bytes) }
}

/// A reason a ``FileAccess`` refused or failed, in words a user reads.
public struct FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Files held in memory, for hosts without a file system and for tests.
public final class InMemoryFileAccess: FileAccess {
    private let files: Mutex<[String: [UInt8]]>

    /// Makes a store holding `files` (path → bytes).
    public init(files: [String: [UInt8]] = [:]) { self.files = Mutex(files) }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = files.withLock({ $0[path] }) else { throw FileAccessError("no file '\(path)'") }
        return bytes
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws {
        files.withLock { $0[path] = bytes }
    }

    /// The bytes stored at `path`, if any.
    public subscript(path: String) -> [UInt8]? { files.withLock { $0[path] } }

    /// Every path written so far, sorted.
    public var paths: [String] { files.withLock { $0.keys.sorted() } }
}
