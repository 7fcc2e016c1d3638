// Two ways to build this target:
//
//   FUZZING defined (make fuzz-build compiles these files with -sanitize=fuzzer): the fuzzer's
//   runtime provides `main` and calls LLVMFuzzerTestOneInput with each input it makes.
//   Otherwise (the normal build): `conv-fuzz FILE...` runs each file once, so an input the
//   fuzzer saved can be replayed and debugged without the fuzzer.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if FUZZING
/// Runs one fuzzer input; 0 means "keep it in the corpus if it is new".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#else
@main
struct FuzzReplay {
    static func main() {
        replay(CommandLine.arguments.dropFirst())
    }

    /// Runs each file once: `conv-fuzz FILE...`.
    static func replay(_ paths: ArraySlice<String>) {
        var failures: Int32 = 0
        for path in paths {
            guard let bytes = readFile(path) else {
                print("conv-fuzz: cannot read \(path)")
                failures += 1
                continue
            }
            bytes.withUnsafeBufferPointer { FuzzTarget.run($0) }
            print("ran \(path) (\(bytes.count) bytes)")
        }
        exit(failures == 0 ? 0 : 1)
    }

    /// The whole file, or nil when it cannot be opened.
    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
#endif
