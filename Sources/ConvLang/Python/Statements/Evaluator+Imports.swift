/// `import` and `from ... import` as conv runs them. The modules are conv's own: `torch` and the
/// namespaces inside it, `numpy`, `math`, `random`, `time`, `copy`, `itertools`, `functools`,
/// `matplotlib.pyplot`; `typing` and `__future__` are accepted for the
/// annotations conv drops. Any other module is refused where it is imported, as Python's
/// `ModuleNotFoundError` (so `try: import pandas ... except ImportError:` works), and a name
/// a module does not have is Python's `ImportError`.
///
/// What an import binds follows Python: `import torch.nn as nn` binds `nn`, `from math import
/// sqrt` binds `sqrt`, `from math import *` binds every name of `math`. A name that already
/// means the same thing (`nn`, `F`, `np`, `torch`) is not bound again, so the program's own
/// names stay its own.
extension Evaluator {
    /// The first part of every module a program may import.
    static let importableModules: Set<String> = ["torch", "numpy", "math", "random", "time", "copy", "typing", "__future__", "collections", "itertools", "functools", "matplotlib"]

    /// Modules only annotations use: importing from them binds nothing.
    private static let annotationModules: Set<String> = ["typing", "__future__"]

    func runImport(_ line: ImportLine, _ locals: inout Locals?) throws(RuntimeError) {
        for module in line.modules {
            let root = String(module.name.prefix { $0 != "." })
            guard !module.name.hasPrefix("."), Self.importableModules.contains(root) else {
                let refusal = UnsupportedSyntax.module(module.name)
                throw RuntimeError(refusal.message, at: module.range, notes: refusal.alternative.map { [$0] } ?? [],
                                   raising: .moduleNotFoundError)
            }
        }
        context.noteImport(of: line.modules.map(\.name))
        if line.names.isEmpty {
            for module in line.modules { try importModule(module, &locals) }
        } else if let module = line.modules.first {
            try importNames(line.names, from: module, &locals)
        }
    }

    /// `import a.b.c` binds `a`; `import a.b.c as d` binds `d` to `a.b.c`.
    private func importModule(_ module: ImportLine.Item, _ locals: inout Locals?) throws(RuntimeError) {
        let root = String(module.name.prefix { $0 != "." })
        guard !Self.annotationModules.contains(root) else { return }
        guard let value = moduleValue(module.name) else {
            throw RuntimeError("conv has no module '\(module.name)'", at: module.range,
                               notes: [UnsupportedSyntax.module(module.name).alternative ?? ""], raising: .moduleNotFoundError)
        }
        if let alias = module.alias {
            try bindImported(alias, value, at: module.range, &locals)
        } else if let rootValue = moduleValue(root) {
            try bindImported(root, rootValue, at: module.range, &locals)
        }
    }

    /// `from m import x as y, z` and `from m import *`.
    private func importNames(_ names: [ImportLine.Item], from module: ImportLine.Item, _ locals: inout Locals?) throws(RuntimeError) {
        guard !Self.annotationModules.contains(module.name) else { return }
        guard let moduleValue = moduleValue(module.name), case .namespace(let namespace) = moduleValue else {
            throw RuntimeError("conv has no module '\(module.name)'", at: module.range,
                               notes: [UnsupportedSyntax.module(module.name).alternative ?? ""], raising: .moduleNotFoundError)
        }
        for item in names {
            if item.name == "*" {
                // torch's and numpy's names are conv's builtins already; math's and random's are not.
                guard ["math", "random", "time", "copy", "itertools", "functools"].contains(namespace.name) else { continue }
                for name in BuiltinLibrary.memberNames(of: namespace) {
                    if let value = BuiltinLibrary.member(name, of: namespace) { try bindImported(name, value, at: item.range, &locals) }
                }
                continue
            }
            guard let value = BuiltinLibrary.member(item.name, of: namespace) else {
                let known = BuiltinLibrary.memberNames(of: namespace)
                var notes = ["conv's \(module.name) has: " + known.joined(separator: ", ")]
                if let suggestion = Suggestion.nearest(to: item.name, in: known) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
                throw RuntimeError("cannot import name '\(item.name)' from '\(module.name)': conv does not have it", at: item.range,
                                   notes: notes, raising: .importError)
            }
            try bindImported(item.alias ?? item.name, value, at: item.range, &locals)
        }
    }

    /// The namespace a dotted module name is in conv (`torch.nn`), or nil.
    private func moduleValue(_ dotted: String) -> Value? {
        let parts = dotted.split(separator: ".").map(String.init)
        guard let first = parts.first, var value = BuiltinLibrary.value(named: first), case .namespace = value else { return nil }
        for part in parts.dropFirst() {
            guard case .namespace(let namespace) = value, let next = BuiltinLibrary.member(part, of: namespace),
                  case .namespace = next else { return nil }
            value = next
        }
        return value
    }

    /// Binds an imported name, unless at the top level it already means exactly that.
    private func bindImported(_ name: String, _ value: Value, at range: SourceRange, _ locals: inout Locals?) throws(RuntimeError) {
        if locals == nil, globals[name] == nil, let builtin = BuiltinLibrary.value(named: name), Self.same(builtin, value) { return }
        try assign(name, value, at: range, &locals)
    }

    private static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.namespace(let x), .namespace(let y)): x.name == y.name
        case (.function(let x), .function(let y)): x === y
        default: false
        }
    }
}
