// Two ways to build this target:
//
//   FUZZING defined (make fuzz-build compiles these files with -sanitize=fuzzer): the fuzzer's
//   runtime provides `main` and calls LLVMFuzzerTestOneInput with each input it makes, for the
//   target FUZZ_PROGRAMS or FUZZ_DATA_FILES names (the language when neither is defined).
//   Otherwise (the normal build): `conv-fuzz [--target NAME] [--print] FILE...` runs each file
//   once through target NAME (language, programs, data-files), so an input the fuzzer saved can
//   be replayed and debugged without the fuzzer; --print shows the program a programs input makes.

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
    FuzzTarget.compiled.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#else
@main
struct FuzzReplay {
    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var target = FuzzTarget.language
        var printing = false
        while let option = arguments.first, option.hasPrefix("--") {
            arguments.removeFirst()
            if option == "--print" {
                printing = true
            } else if option == "--target", let name = arguments.popFirst(), let named = FuzzTarget(rawValue: name) {
                target = named
            } else {
                print("usage: conv-fuzz [--target \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|"))] [--print] FILE...")
                exit(2)
            }
        }
        replay(arguments, through: target, printing: printing)
    }

    /// Runs each file once through `target`.
    static func replay(_ paths: ArraySlice<String>, through target: FuzzTarget, printing: Bool) {
        var failures: Int32 = 0
        for path in paths {
            guard let bytes = readFile(path) else {
                print("conv-fuzz: cannot read \(path)")
                failures += 1
                continue
            }
            bytes.withUnsafeBufferPointer { buffer in
                if printing, target == .programs { print(FuzzTarget.program(buffer)) }
                target.run(buffer)
            }
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
