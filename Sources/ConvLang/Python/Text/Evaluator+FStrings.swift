import PythonFormatting

/// f-strings, evaluated as Python evaluates them: each field's expression, then its conversion
/// (`!r`, `!s`, `!a`), then its format spec (whose own fields are filled first, `{v:{w}.{p}f}`),
/// then `format(value, spec)`. `{x=}` writes the expression's text as written, then the value's
/// repr, unless a conversion or a spec is given.
extension Evaluator {
    /// The text of an f-string's parts (or of a format spec's parts).
    func fstringText(_ parts: [FStringPart], _ locals: Locals?) throws(RuntimeError) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal, _): text += literal
            case .field(let field): text += try fieldText(field, locals)
            }
        }
        return text
    }

    private func fieldText(_ field: FStringField, _ locals: Locals?) throws(RuntimeError) -> String {
        var value = try evaluate(field.expression, locals)
        let conversion = field.conversion ?? (field.debugText != nil && field.formatSpec == nil ? .repr : nil)
        switch conversion {
        case .repr: value = .string(try PythonText.repr(value, context: context, at: field.range))
        case .str: value = .string(try PythonText.str(value, context: context, at: field.range))
        case .ascii: value = .string(PythonText.ascii(value))
        case nil: break
        }
        var spec = ""
        if let specParts = field.formatSpec { spec = try fstringText(specParts, locals) }
        let objects = ObjectTexts(context, at: field.range)
        let text: String
        do {
            text = try PythonText.format(value, spec: spec, objects: objects)
        } catch {
            throw RuntimeError(error, at: field.range)
        }
        try objects.finish()
        return (field.debugText ?? "") + text
    }
}
