import ConvLang
import Testing

/// Every SVG figure a test makes is checked as it is made: ``ExplainRun`` and the program
/// goldens hand each `.svg` file a program wrote (and each figure delivered as an event) here,
/// and any overlap, spill or cut-off text fails the test that drew it (see ``SVGLayoutCheck``).
enum FigureCheck {
    static func checkEverySVG(in files: InMemoryFileAccess, writtenBy program: String = "the program") {
        for path in files.paths where path.hasSuffix(".svg") {
            guard let bytes = files[path] else { continue }
            check([String(decoding: bytes, as: UTF8.self)], from: "\(path) written by \(program)")
        }
    }

    /// Figures delivered some other way (as events to a host that shows them).
    static func check(_ figures: [String], from origin: String) {
        for svg in figures {
            for problem in SVGLayoutCheck(svg).problems { Issue.record("\(origin): \(problem)") }
        }
    }
}
