/// Reading and binding names by the running function's scope: a local's slot, a cell, or the
/// module's globals. Compiled code (Python/Code) resolves names once; these serve the
/// expressions and statements it leaves to the tree-walking evaluator.
extension Evaluator {
    /// The value of `name` when the running function's scope owns it, `nil` when it is global;
    /// an unbound local or cell is Python's UnboundLocalError or NameError.
    func local(_ name: String, at range: SourceRange, _ frame: Frame) throws(RuntimeError) -> Value? {
        switch frame.scope.resolve(name) {
        case .local(let slot):
            guard let value = frame[slot] else { throw Self.unboundLocal(name, at: range) }
            return value
        case .cell(let index):
            guard let value = frame.cells[index].value else { throw Self.unboundCell(name, frame.scope, at: range) }
            return value
        case .classAttribute:
            return frame.classNamespace?.attributes[name]
        case .global:
            return nil
        }
    }

    /// Binds `name` in the running function (its slot or cell), or globally at the top level
    /// and for the names the function declared `global`.
    func assign(_ name: String, _ value: Value, at range: SourceRange, _ locals: inout Locals?) throws(RuntimeError) {
        guard let frame = locals else { return try bind(name, value, at: range) }
        switch frame.scope.resolve(name) {
        case .local(let slot): frame[slot] = value
        case .cell(let index): frame.cells[index].value = value
        case .classAttribute: frame.classNamespace?.attributes[name] = value
        case .global: try bind(name, value, at: range)
        }
    }

    /// `del name`: unbinds it where it lives; deleting an unbound name is Python's error.
    func unbind(_ name: String, at range: SourceRange, _ locals: Locals?) throws(RuntimeError) {
        switch locals?.scope.resolve(name) ?? .global {
        case .local(let slot):
            guard let frame = locals, frame[slot] != nil else { throw Self.unboundLocal(name, at: range) }
            frame[slot] = nil
        case .cell(let index):
            guard let frame = locals, frame.cells[index].value != nil else {
                throw Self.unboundCell(name, locals?.scope, at: range)
            }
            frame.cells[index].value = nil
        case .classAttribute:
            guard locals?.classNamespace?.attributes.removeValue(forKey: name) != nil else { throw Self.undefinedName(name, at: range) }
        case .global:
            guard globals.forget(name) else { throw Self.undefinedName(name, at: range) }
        }
    }

    /// Unbinds `name` if it is bound, as Python does with an `except ... as name` target when its
    /// handler ends (however it ends).
    func unbindIfBound(_ name: String, _ locals: Locals?) {
        switch locals?.scope.resolve(name) ?? .global {
        case .local(let slot): locals?[slot] = nil
        case .cell(let index): locals?.cells[index].value = nil
        case .classAttribute: locals?.classNamespace?.attributes[name] = nil
        case .global: globals.forget(name)
        }
    }

    /// Python's NameError for `del` of a name bound nowhere.
    static func undefinedName(_ name: String, at range: SourceRange) -> RuntimeError {
        RuntimeError("name '\(name)' is not defined", at: range, raising: .nameError, reason: .undefinedName(name))
    }

    /// Python's UnboundLocalError, in Python 3.11's words.
    static func unboundLocal(_ name: String, at range: SourceRange) -> RuntimeError {
        RuntimeError("cannot access local variable '\(name)' where it is not associated with a value", at: range,
                     notes: ["'\(name)' is assigned somewhere in this function, so it is local to all of it; "
                             + "to use the module's '\(name)', declare it with 'global \(name)'"],
                     raising: .unboundLocalError, reason: .unboundLocal(name))
    }

    /// A cell read before it was bound: the function's own captured local (UnboundLocalError),
    /// or an enclosing function's variable (NameError).
    static func unboundCell(_ name: String, _ scope: Scope?, at range: SourceRange) -> RuntimeError {
        if scope?.cellNames.contains(name) == true { return unboundLocal(name, at: range) }
        return RuntimeError("cannot access free variable '\(name)' where it is not associated with a value in enclosing scope", at: range,
                            raising: .nameError, reason: .unboundFree(name))
    }
}
