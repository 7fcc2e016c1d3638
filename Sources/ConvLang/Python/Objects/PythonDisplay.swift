/// How Python's objects show when no `__repr__` of the program's is called: an exception as
/// Python writes it, `ValueError('bad')`; another instance as `<__main__.C object>` (Python
/// adds the address, which would make a program's output differ from run to run).
enum PythonDisplay {
    /// `item` shows an exception's arguments: Python's repr, or conv's display in conv's.
    static func repr(_ instance: PythonInstance, item: (Value) -> String = { PythonText.repr($0) }) -> String {
        let pythonClass = instance.pythonClass
        if pythonClass.isException, case .tuple(let args) = instance.attribute("args") ?? .tuple([]) {
            return pythonClass.name + "(" + args.map(item).joined(separator: ", ") + ")"
        }
        if let superObject = instance as? SuperObject {
            return "<super: <class '\(superObject.start.name)'>, <\(pythonClass.name) object>>"
        }
        return "<\(pythonClass.moduleName).\(pythonClass.name) object>"
    }

    static func repr(_ method: PythonMethod) -> String {
        switch method {
        case .bound(_, let receiver): "<bound method \(method.name) of \(receiver.typeDescription)>"
        case .staticMethod: "<staticmethod \(method.name)>"
        case .classMethod: "<classmethod \(method.name)>"
        case .property: "<property \(method.name)>"
        case .gradMode: "<function \(method.name)>"
        }
    }
}
