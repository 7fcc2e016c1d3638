import ConvLang
import Testing

/// Every SVG figure a test makes is checked as it is made: ``ExplainRun`` and the program
/// goldens hand each `.svg` file a program wrote here, and any overlap, spill or cut-off text
/// fails the test that drew it (see ``SVGLayoutCheck``).
enum FigureCheck {
    static func checkEverySVG(in files: InMemoryFileAccess, writtenBy program: String = "the program") {
        for path in files.paths where path.hasSuffix(".svg") {
            guard let bytes = files[path] else { continue }
            for problem in SVGLayoutCheck(String(decoding: bytes, as: UTF8.self)).problems {
                Issue.record("\(path) written by \(program): \(problem)")
            }
        }
    }
}
