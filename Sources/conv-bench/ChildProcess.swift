import Glibc

/// A finished child process: how long it took and whether it succeeded.
struct ChildResult {
    var milliseconds: Double
    var succeeded: Bool
}

/// Starts programs and measures their wall time (and, through `/usr/bin/time`, their memory).
enum ChildProcess {
    /// Runs `arguments` (the first is the program path) with `environment` (`nil`: ours), its
    /// standard output sent to `outputPath` when given, and waits for it.
    static func run(_ arguments: [String], environment: [String]? = nil, outputPath: String? = nil) -> ChildResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let target = outputPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let status = argv.withUnsafeBufferPointer { argvBuffer -> Int32 in
            guard let argvBase = argvBuffer.baseAddress else { return EINVAL }
            guard let envp else { return posix_spawn(&pid, arguments[0], &actions, nil, argvBase, environ) }
            return envp.withUnsafeBufferPointer { envBuffer in
                guard let envBase = envBuffer.baseAddress else { return EINVAL }
                return posix_spawn(&pid, arguments[0], &actions, nil, argvBase, envBase)
            }
        }
        guard status == 0 else { return ChildResult(milliseconds: .nan, succeeded: false) }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        let elapsed = Timing.milliseconds(ContinuousClock.now - start)
        return ChildResult(milliseconds: elapsed, succeeded: exitStatus == 0)
    }

    /// The peak resident memory of `arguments` in MiB, measured by `/usr/bin/time`.
    ///
    /// `wait4` cannot tell us: a child started with `posix_spawn` carries this process's own
    /// peak into its figure. `time` is small and forks, so its child's figure is the child's own.
    static func peakMiB(_ arguments: [String]) -> Double {
        let path = "/tmp/conv-bench-rss.txt"
        let result = run(["/usr/bin/time", "-f", "%M", "-o", path] + arguments)
        guard result.succeeded, let kibibytes = lines(ofFile: path).last.flatMap({ Double($0) }) else { return .nan }
        return kibibytes / 1024
    }

    /// The environment without the named variables.
    static func environment(removing names: Set<String>) -> [String] {
        var result: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            let name = String(text.prefix { $0 != "=" })
            if !names.contains(name) { result.append(text) }
            cursor += 1
        }
        return result
    }

    /// Where this executable lives.
    static func ownPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The lines of a text file.
    static func lines(ofFile path: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Writes `text` to `path`.
    static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        defer { fclose(file) }
        var text = text
        return text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
    }
}
