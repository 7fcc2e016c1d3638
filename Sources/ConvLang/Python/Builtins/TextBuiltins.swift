import PythonFormatting

/// Python's text builtins: `str`, `repr`, `format`, `ascii`, `ord`, `chr`.
enum TextBuiltins {
    /// They take Python's values as they are: `str([3.0])` is `'[3.0]'`, a list's text, not the
    /// text of the tensor a list of numbers stands for.
    static let all: [Builtin] = [str, repr, format, ascii, ord, chr].map { builtin in
        var builtin = builtin
        builtin.takesPythonValues = true
        return builtin
    }

    static let str = Builtin(
        name: "str", parameters: [.optional("object", default: .string(""))],
        summary: "a value as Python's str() shows it: 3.0, True, None, 'a' without quotes",
        details: """
        str(object="")

          str(0.1 + 0.2)      # '0.30000000000000004'
          str((1, "a"))       # "(1, 'a')"
        """,
        body: { call throws(RuntimeError) in .string(try PythonText.str(call.value("object"), context: call.context, at: call.range)) })

    static let repr = Builtin(
        name: "repr", parameters: [.required("object")],
        summary: "a value as Python's repr() shows it: strings in quotes, with escapes",
        details: """
        repr(object)

          repr("it's")        # "it's" in double quotes, as Python chooses
          repr(1e16)          # '1e+16'
        """,
        body: { call throws(RuntimeError) in .string(try PythonText.repr(call.value("object"), context: call.context, at: call.range)) })

    static let ascii = Builtin(
        name: "ascii", parameters: [.required("object")],
        summary: "repr() with every non-ASCII character escaped",
        details: """
        ascii(object)

          ascii("é")          # "'\\\\xe9'"
        """,
        body: { call throws(RuntimeError) in .string(PythonText.ascii(call.value("object"))) })

    static let format = Builtin(
        name: "format", parameters: [.required("value"), .optional("format_spec", "spec", default: .string(""))],
        summary: "a value formatted by a Python format spec: format(3.14159, \".2f\")",
        details: """
        format(value, format_spec="")

        The spec is Python's: [[fill]align][sign][z][#][0][width][,|_][.precision][type].
          format(3.14159, ".2f")     # '3.14'
          format(42, ">6d")          # '    42'
          format(0.256, ".1%")       # '25.6%'
        """,
        body: { call throws(RuntimeError) in
            let (value, spec) = (call.value("value"), try call.string("format_spec"))
            let objects = ObjectTexts(call.context, at: call.range)
            let text = try call.python { () throws(PythonFormatError) in try PythonText.format(value, spec: spec, objects: objects) }
            try objects.finish()
            return .string(text)
        })

    static let ord = Builtin(
        name: "ord", parameters: [.required("c")],
        summary: "the code point of a one-character string: ord(\"A\") is 65",
        details: """
        ord(c)

          ord("A")            # 65
        """,
        body: { call throws(RuntimeError) in
            let text = try call.string("c")
            let scalars = text.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else {
                throw call.error("TypeError: ord() expected a character, but string of length \(scalars.count) found", at: "c")
            }
            return .int(Int(scalar.value))
        })

    static let chr = Builtin(
        name: "chr", parameters: [.required("i")],
        summary: "the one-character string of a code point: chr(65) is \"A\"",
        details: """
        chr(i)

          chr(233)            # 'é'
        """,
        body: { call throws(RuntimeError) in
            let code = try call.integer("i")
            guard code >= 0, code <= 0x10FFFF else {
                throw call.error("ValueError: chr() arg not in range(0x110000)", at: "i")
            }
            // A surrogate is a code point Python keeps but a Swift string cannot hold.
            guard let scalar = Unicode.Scalar(UInt32(code)) else {
                throw call.error("chr(\(code)) is a surrogate code point, which conv's strings cannot hold", at: "i")
            }
            return .string(String(scalar))
        })
}
