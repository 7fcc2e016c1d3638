/// The parts of Python that conv does not run, each with its one message and, where conv has
/// something instead, a note saying what. Every refusal of a Python construct, by the lexer,
/// the parser or the evaluator, takes its words from here.
enum UnsupportedSyntax: Sendable, Equatable {
    case yield
    case async
    case await
    case matchStatement
    case walrus
    /// A decorator on a class, or a property's `@x.setter`; the parser keeps it in the tree and
    /// the evaluator refuses it with this message (a function's other decorators are applied).
    case decorator(String)
    case printStatement
    case printChevron
    case backtick
    case diamondOperator
    case bytesLiteral
    case complexNumber
    case namedEscape
    case exceptStar
    /// `import os`: a module other than the ones conv provides (``Evaluator/importableModules``).
    case module(String)

    /// Python's name for the construct, as the message quotes it.
    var construct: String {
        switch self {
        case .yield: "'yield' inside an expression"
        case .async: "'async'"
        case .await: "'await'"
        case .matchStatement: "the 'match' statement"
        case .walrus: "the assignment expression ':='"
        case .decorator(let name): "the decorator '@\(name)'"
        case .printStatement: "the Python 2 'print' statement"
        case .printChevron: "'print >>file'"
        case .backtick: "backticks"
        case .diamondOperator: "'<>'"
        case .bytesLiteral: "bytes literals (b\"...\")"
        case .complexNumber: "complex numbers"
        case .namedEscape: "the escape '\\N{...}'"
        case .exceptStar: "'except*'"
        case .module(let name): "the module '\(name)'"
        }
    }

    /// What conv offers instead, if anything.
    var alternative: String? {
        switch self {
        case .yield: "write 'yield' as a statement of its own ('yield v' or 'yield from xs'); values sent into a generator are not supported"
        case .async, .await: "call functions directly; conv runs one statement after another"
        case .matchStatement: "use if/elif/else"
        case .walrus: "assign on a line of its own first, as in: n = len(x)"
        case .decorator: "conv applies decorators to functions, but takes none on a class, and its properties are read-only"
        case .printStatement, .printChevron: "call print(...) with parentheses"
        case .backtick: "use repr(x)"
        case .diamondOperator: "use '!='"
        case .bytesLiteral: "use a plain string"
        case .complexNumber: nil
        case .namedEscape: "write the character itself, or use '\\u' with its code"
        case .exceptStar: "use a plain 'except'"
        case .module: "conv provides torch (with torch.nn and torch.nn.functional), numpy, math, random, time, copy, collections, itertools, functools and typing"
        }
    }

    /// "conv runs a subset of Python: 'async' is not part of it".
    var message: String {
        let verb = self == .backtick || self == .bytesLiteral || self == .complexNumber ? "are" : "is"
        return "conv runs a subset of Python: \(construct) \(verb) not part of it"
    }

    func diagnostic(at range: SourceRange, in source: SourceFile) -> Diagnostic {
        Diagnostic(message: message, range: range, source: source, notes: alternative.map { [$0] } ?? [])
    }

    /// What the evaluator says for a construct the parser reads but conv does not evaluate yet,
    /// e.g. "'for' loops are not evaluated by conv yet". `subject` is plural unless `isSingular`.
    static func notEvaluatedYet(_ subject: String, isSingular: Bool = false) -> String {
        "\(subject) \(isSingular ? "is" : "are") not evaluated by conv yet"
    }
}
