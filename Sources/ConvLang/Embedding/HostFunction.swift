import ConvNumerics

/// A function the host writes in Swift and scripts call by name, as they call a builtin.
///
/// Arguments bind as a builtin's do (positional first, then by name, with defaults), so the
/// errors are the builtin ones: an unknown, duplicate or missing argument names the function and
/// lists its parameters. `help(name)` shows ``help``, and the REPL completes the argument names.
///
/// ```swift
/// let scale = HostFunction(
///     name: "scale",
///     parameters: [.required("x"), .optional("by", default: .number(2))],
///     summary: "multiply a tensor by a number",
///     help: "scale(x, by=2)\n\nMultiplies every element of x by `by`."
/// ) { arguments in
///     let x = try arguments.tensor("x")
///     let factor = try arguments.number("by")
///     return .tensor(Tensor(shape: x.shape, scalars: x.scalars.map { $0 * factor }) ?? x)
/// }
/// interpreter.define(scale)
/// interpreter.run("scale([1, 2], by=3)")   // [3, 6]
/// ```
///
/// The body runs on the thread that runs the program, while the host's call to
/// ``Interpreter/run(_:name:)`` waits; it must not call back into the same interpreter. A
/// ``HostFunctionError`` it throws points at the argument it names (or the call); any other
/// error becomes a runtime diagnostic at the call, with the function's name and the error's
/// description as its message. The session keeps its bindings and takes the next run as usual.
///
/// To Python code a host function is one more builtin: `try`/`except` catches its errors as
/// `RuntimeError` (so `except RuntimeError` and `except Exception` do, `except ValueError`
/// does not), the class conv's own refusals have.
public struct HostFunction: Sendable {
    /// One parameter of a host function.
    public struct Parameter: Sendable {
        /// The name messages, `help` and completion use.
        public var name: String
        /// Other names it may be given by (`stride` for `s`).
        public var aliases: [String]
        /// The value when the caller leaves it out; `nil` when it is required.
        public var defaultValue: Value?
        /// Collects every remaining positional argument (read them with ``Arguments/rest``).
        public var isVariadic: Bool
        /// Only accepted by name.
        public var isNamedOnly: Bool

        /// Creates a parameter; ``required(_:aliases:)``, ``optional(_:aliases:default:namedOnly:)``
        /// and ``variadic(_:)`` read better.
        public init(name: String, aliases: [String] = [], defaultValue: Value? = nil, isVariadic: Bool = false,
                    isNamedOnly: Bool = false) {
            self.name = name
            self.aliases = aliases
            self.defaultValue = isVariadic ? .tuple([]) : defaultValue
            self.isVariadic = isVariadic
            self.isNamedOnly = isNamedOnly
        }

        /// A parameter the caller must give.
        public static func required(_ name: String, aliases: [String] = []) -> Parameter {
            Parameter(name: name, aliases: aliases)
        }

        /// A parameter with a default value.
        public static func optional(_ name: String, aliases: [String] = [], default value: Value,
                                    namedOnly: Bool = false) -> Parameter {
            Parameter(name: name, aliases: aliases, defaultValue: value, isNamedOnly: namedOnly)
        }

        /// A parameter that takes every remaining positional argument.
        public static func variadic(_ name: String) -> Parameter {
            Parameter(name: name, isVariadic: true)
        }
    }

    /// The name scripts call it by; a host function hides a builtin of the same name, and a
    /// script's own binding hides the host function.
    public let name: String
    /// Its parameters, in order.
    public let parameters: [Parameter]
    /// One line for `help()`'s listing.
    public let summary: String
    /// What `help(name)` shows.
    public let help: String
    /// Computes the result from the bound arguments.
    public let body: @Sendable (Arguments) throws -> Value

    /// Creates a host function; register it with ``Interpreter/define(_:)`` or
    /// ``Interpreter/Configuration/hostFunctions``.
    public init(
        name: String, parameters: [Parameter] = [], summary: String = "", help: String? = nil,
        body: @escaping @Sendable (Arguments) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.summary = summary
        self.help = help ?? summary
        self.body = body
    }

    /// The builtin that stands for it: the same binding, errors and signature as every builtin.
    var builtin: Builtin {
        let name = name
        let body = body
        return Builtin(
            name: name,
            parameters: parameters.map { parameter in
                Builtin.Parameter(name: parameter.name, aliases: parameter.aliases, defaultValue: parameter.defaultValue,
                                  isVariadic: parameter.isVariadic, isNamedOnly: parameter.isNamedOnly)
            },
            summary: summary, details: help,
            body: { call throws(RuntimeError) in
                do {
                    return try body(Arguments(call: call))
                } catch let error as HostFunctionError {
                    throw RuntimeError(error.message, at: error.range ?? call.range, notes: error.notes)
                } catch {
                    throw RuntimeError("\(name): \(error)", at: call.range)
                }
            })
    }
}

/// The arguments of one call to a ``HostFunction``, bound to its parameters, with typed
/// accessors whose errors point at the argument in the caller's source.
public struct Arguments {
    let call: BuiltinCall

    /// The function's name.
    public var functionName: String { call.builtin.name }

    /// The value of parameter `name`: the given argument or its default (`none` for an unknown name).
    public subscript(_ name: String) -> Value { call.value(name) }

    /// Whether the caller wrote argument `name` (by position or by any of its names).
    public func isGiven(_ name: String) -> Bool { call.isGiven(name) }

    /// The arguments a variadic parameter collected, in order.
    public var rest: [Value] { call.rest.map(\.value) }

    /// Argument `name` as a number (a bool or a one-element tensor counts).
    public func number(_ name: String) throws(HostFunctionError) -> Double {
        try located { () throws(RuntimeError) in try call.number(name) }
    }

    /// Argument `name` as a whole number within `bounds`.
    public func integer(_ name: String, in bounds: ClosedRange<Int> = Int.min...Int.max) throws(HostFunctionError) -> Int {
        try located { () throws(RuntimeError) in try call.integer(name, in: bounds) }
    }

    /// Argument `name` as a tensor; a number becomes a rank-0 tensor only with `allowNumber`.
    public func tensor(_ name: String, allowNumber: Bool = false) throws(HostFunctionError) -> Tensor {
        try located { () throws(RuntimeError) in try call.tensor(name, allowNumber: allowNumber) }
    }

    /// Argument `name` as a string.
    public func string(_ name: String) throws(HostFunctionError) -> String {
        try located { () throws(RuntimeError) in try call.string(name) }
    }

    /// Argument `name` as `true` or `false`.
    public func bool(_ name: String) throws(HostFunctionError) -> Bool {
        try located { () throws(RuntimeError) in try call.bool(name) }
    }

    /// An error to throw from the body, pointing at argument `name` (or at the whole call).
    public func error(_ message: String, at name: String? = nil, notes: [String] = []) -> HostFunctionError {
        HostFunctionError(message, notes: notes, range: name.map(call.range(of:)) ?? call.range)
    }

    private func located<T>(_ read: () throws(RuntimeError) -> T) throws(HostFunctionError) -> T {
        do {
            return try read()
        } catch {
            throw HostFunctionError(error.message, notes: error.notes, range: error.range)
        }
    }
}

/// An error a ``HostFunction`` throws: it becomes a runtime diagnostic pointing at the argument
/// it was made for (``Arguments/error(_:at:notes:)``) or at the call.
public struct HostFunctionError: Error, Sendable, CustomStringConvertible {
    /// One sentence, lower case, no trailing period.
    public var message: String
    /// Extra lines shown after the caret.
    public var notes: [String]
    /// Where it points; `nil` for the whole call.
    let range: SourceRange?

    /// An error about the whole call.
    public init(_ message: String, notes: [String] = []) {
        self.init(message, notes: notes, range: nil)
    }

    init(_ message: String, notes: [String], range: SourceRange?) {
        self.message = message
        self.notes = notes
        self.range = range
    }

    public var description: String { message }
}
