/// What a frame knows besides its slots: the scope that laid them out and its cells.
struct FrameHeader {
    let scope: Scope
    /// The scope's own cells (fresh for each call), then the free cells of the function.
    let cells: [Cell]
    /// For a class body, the class being made: the body's bindings are its attributes.
    let classNamespace: PythonClass?
}

/// The variables of one running function: a slot per local, numbered by its ``Scope``, in one
/// allocation with the header; `nil` while a local is unbound. Reading a local is an index,
/// never a look-up by name.
final class Frame: ManagedBuffer<FrameHeader, Value?> {
    /// A frame for `scope` with every slot unbound; `freeCells` are the function's captured cells.
    static func make(_ scope: Scope, freeCells: [Cell], classNamespace: PythonClass? = nil) -> Frame {
        let cells = scope.cellNames.isEmpty ? freeCells : scope.cellNames.map { _ in Cell() } + freeCells
        let buffer = Frame.create(minimumCapacity: scope.slotCount) { _ in
            FrameHeader(scope: scope, cells: cells, classNamespace: classNamespace)
        }
        // `create` makes an instance of the class it is called on.
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: scope.slotCount) }
        return frame
    }

    deinit {
        withUnsafeMutablePointers { header, slots in _ = slots.deinitialize(count: header.pointee.scope.slotCount) }
    }

    var scope: Scope { header.scope }
    var cells: [Cell] { header.cells }
    var classNamespace: PythonClass? { header.classNamespace }

    /// The value in slot `index`, which the scope numbered (so always in range).
    @inline(__always)
    subscript(index: Int) -> Value? {
        get { withUnsafeMutablePointerToElements { $0[index] } }
        set { withUnsafeMutablePointerToElements { $0[index] = newValue } }
    }

    /// Takes the value out of slot `index`, leaving it unbound, so that the caller holds the
    /// only reference (a tensor changed in place then needs no copy).
    @inline(__always)
    func take(_ index: Int) -> Value? {
        withUnsafeMutablePointerToElements { slots in
            var value: Value? = nil
            swap(&value, &slots[index])
            return value
        }
    }
}

extension Frame {
    /// The frame of a comprehension, which Python runs in a scope of its own: its loop
    /// variables live in cells of their own (a lambda made in it shares them, as in Python), and
    /// the enclosing function's locals (copied, since a comprehension cannot rebind them) and
    /// cells stay readable; at the top level only the loop variables are its own.
    static func comprehension(binding targets: [String], in enclosing: Frame?) -> Frame {
        var seen: Set<String> = []
        let targets = targets.filter { seen.insert($0).inserted }
        guard let enclosing else {
            let scope = Scope(kind: .function, localNames: targets, cellNames: targets, freeNames: [], parameterCount: 0,
                              children: [:])
            return make(scope, freeCells: [])
        }
        let outer = enclosing.scope
        // Cells keep their indices; one a loop variable shadows is left nameless.
        let cellNames = (outer.cellNames + outer.freeNames).map { seen.contains($0) ? "" : $0 }
        let inherited = outer.localNames.map { seen.contains($0) ? "" : $0 }
        let scope = Scope(kind: .function, localNames: inherited + targets, cellNames: targets, freeNames: cellNames,
                          parameterCount: 0, children: outer.children)
        let frame = make(scope, freeCells: enclosing.cells)
        for slot in outer.localNames.indices where !seen.contains(outer.localNames[slot]) { frame[slot] = enclosing[slot] }
        return frame
    }
}

extension Target {
    /// The names a target binds: `x`, or each name of `a, (b, *c)`.
    var boundNames: [String] {
        switch self {
        case .name(let name, _): [name]
        case .tuple(let items, _), .list(let items, _): items.flatMap(\.boundNames)
        case .starred(let inner, _): inner.boundNames
        case .member, .index: []
        }
    }
}
