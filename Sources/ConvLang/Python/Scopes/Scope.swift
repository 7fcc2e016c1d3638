/// Where one name of a function lives, decided once when the function is defined.
enum NameResolution: Equatable {
    /// A slot of the running frame: a parameter or a name the body binds.
    case local(Int)
    /// A cell of the running frame: a local that a nested function captures (its own cells
    /// come first), or a free variable captured from an enclosing function.
    case cell(Int)
    /// A module-level name (or a builtin when the module has none by that name).
    case global
    /// A name a class body binds: an attribute of the class being made (read before the body
    /// binds it, the module's name of that spelling, as Python's class bodies read).
    case classAttribute
}

/// What Python's scoping rules decided about one function (a `def`, a `lambda`, a short
/// language `fn`) or a class body: which names are locals (slots), which live in cells, and
/// which are global. Made by ``ScopeResolver`` from the whole body, before the body runs.
///
/// Immutable once made, so a function value made from it can be shared like any other.
final class Scope: Sendable {
    enum Kind: Sendable { case function, classBody }

    let kind: Kind
    /// Python's `__qualname__` of the function or class: `f`, `Net.forward`, `f.<locals>.g`.
    let qualifiedName: String
    /// Slot names: the parameters first, in order, then the other locals in order of binding.
    let localNames: [String]
    /// Names of the locals that nested functions capture; each has a cell of its own.
    let cellNames: [String]
    /// Names captured from enclosing functions; their cells come after ``cellNames``.
    let freeNames: [String]
    /// Parameters that live in cells: their slot and cell, copied into the cell on entry.
    let cellParameters: [(slot: Int, cell: Int)]
    /// The first parameter's name: the receiver zero-argument `super()` passes on.
    let firstParameter: String?
    /// The scopes of the functions, lambdas and classes defined directly in this body, by the
    /// offset where their definition starts.
    let children: [Int: Scope]
    /// Whether the body has a `yield` of its own: calling the function makes a generator
    /// (``PythonGenerator``) rather than running the body.
    let isGenerator: Bool
    private let resolutions: [String: NameResolution]
    /// The cell of each name in ``cellNames`` and ``freeNames``: what a function defined in
    /// this body captures (in a class body, also a name the body itself binds as an attribute).
    private let cellIndex: [String: Int]

    /// `localNames` are the names the body binds (parameters first); in a class body they are
    /// the class's attributes, which take no slots.
    init(kind: Kind, localNames: [String], cellNames: [String], freeNames: [String], parameterCount: Int,
         children: [Int: Scope], qualifiedName: String = "", isGenerator: Bool = false) {
        self.kind = kind
        self.isGenerator = isGenerator
        self.qualifiedName = qualifiedName
        self.cellNames = cellNames
        self.freeNames = freeNames
        self.children = children
        // (A comprehension's frame leaves the enclosing names it shadows nameless: "".)
        let cellIndex = Dictionary((cellNames + freeNames).enumerated().filter { !$1.isEmpty }.map { ($1, $0) },
                                   uniquingKeysWith: { first, _ in first })
        self.cellIndex = cellIndex
        var resolutions: [String: NameResolution] = [:]
        var cellParameters: [(slot: Int, cell: Int)] = []
        var slots: [String] = []
        for (index, name) in localNames.enumerated() {
            if kind == .classBody {
                resolutions[name] = .classAttribute
                continue
            }
            if let cell = cellIndex[name] {
                resolutions[name] = .cell(cell)
                // A captured parameter still arrives in its slot, then moves into its cell.
                if index < parameterCount { cellParameters.append((slots.count, cell)) } else { continue }
            } else {
                resolutions[name] = .local(slots.count)
            }
            slots.append(name)
        }
        // Free names, and a class body's own cell (`__class__`, which its methods capture and
        // which is no attribute of the class).
        for name in cellNames + freeNames where resolutions[name] == nil { resolutions[name] = cellIndex[name].map(NameResolution.cell) }
        firstParameter = parameterCount > 0 ? localNames.first : nil
        self.localNames = slots
        self.cellParameters = cellParameters
        self.resolutions = resolutions
    }

    /// The cell through which a class body gives its methods the class being defined, as
    /// Python's `__class__`.
    static let classCell = "__class__"

    /// A short-language `fn`: its parameters are its only locals (its body is one expression
    /// and binds nothing).
    convenience init(parameters: [String]) {
        self.init(kind: .function, localNames: parameters, cellNames: [], freeNames: [], parameterCount: parameters.count,
                  children: [:])
    }

    /// Where `name` lives in this scope.
    func resolve(_ name: String) -> NameResolution { resolutions[name] ?? .global }

    /// The names a function defined in this body, and resolved only when it is made, can
    /// capture: the locals and the cells.
    var capturableNames: Set<String> { Set(localNames).union(cellIndex.keys) }

    /// The cell a function defined in this body captures for `name`, if it has one.
    func capturedCell(_ name: String) -> Int? { cellIndex[name] }

    /// How many slots a frame of this scope has.
    var slotCount: Int { localNames.count }
}

/// A variable shared between a function's frame and the closures made inside it: a nested
/// function sees later rebinding of the enclosing variable, as in Python. `nil` while unbound.
///
/// Mutable, as Python's cells are; a run is single-threaded, and a host shares function values
/// between threads only as it shares the interpreter itself.
final class Cell: @unchecked Sendable {
    @exclusivity(unchecked) var value: Value?

    init(_ value: Value? = nil) { self.value = value }
}
