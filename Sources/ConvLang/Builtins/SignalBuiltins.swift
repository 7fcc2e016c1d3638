import ConvNumerics

/// NumPy's `convolve` and `correlate`, for people who come with NumPy habits.
enum SignalBuiltins {
    static let all: [Builtin] = [convolve, correlate]

    static let convolve = Builtin(
        name: "convolve", aliases: ["numpy.convolve"], parameters: [.required("a"), .required("v"), .optional("mode", default: .string("full"))],
        summary: "true convolution (kernel flipped), exactly as NumPy's np.convolve",
        details: """
        convolve(a, v, mode="full")

        NumPy's convolution of two 1-D signals: v is reversed (true convolution, unlike conv,
        which follows PyTorch and does not flip), and the arguments may be swapped.
        With M = len(a), N = len(v):
          mode="full"   every overlap, M+N-1 samples (the default)
          mode="same"   max(M, N) samples, centred; for an even shorter length the extra
                        sample goes on the left (PyTorch's p="same" puts it on the right)
          mode="valid"  complete overlaps only, max-min+1 samples (the shorter one slides)

        conv(x, w) equals correlate(x, w) and convolve(x, w[::-1]) in "valid" mode.

        Example:
          convolve([1, 2, 3], [0, 1, 0.5])             # [0, 1, 2.5, 4, 1.5]
          convolve([1, 2, 3], [0, 1, 0.5], "same")     # [1, 2.5, 4]
        """,
        body: { call throws(RuntimeError) in try run(call, SignalConvolution.convolve) })

    static let correlate = Builtin(
        name: "correlate", aliases: ["numpy.correlate"], parameters: [.required("a"), .required("v"), .optional("mode", default: .string("valid"))],
        summary: "cross-correlation, exactly as NumPy's np.correlate (default mode \"valid\")",
        details: """
        correlate(a, v, mode="valid")

        NumPy's cross-correlation c[t] = sum over n of a[n+t] * v[n], without flipping (what
        conv and PyTorch compute). Note NumPy's default mode is "valid" here, but "full" for
        convolve. When v is longer than a, the result is reversed, as NumPy does.
        Modes as for convolve: "full", "same", "valid".

        Example:
          correlate([1, 2, 3, 4], [1, 10])             # [21, 32, 43]  (= conv([1,2,3,4], [1,10]))
          correlate([1, 2, 3, 4], [1, 10], "same")     # [10, 21, 32, 43]
        """,
        body: { call throws(RuntimeError) in try run(call, SignalConvolution.correlate) })

    private static func run(
        _ call: BuiltinCall,
        _ operation: ([Double], [Double], SignalConvolution.Mode, Int, InterruptFlag?) throws(SignalConvolution.Failure) -> [Double]
    ) throws(RuntimeError) -> Value {
        let a = try signal(call, "a")
        let v = try signal(call, "v")
        let mode = try self.mode(call)
        do {
            return .tensor(Tensor(try operation(a, v, mode, call.context.limits.maximumElements, call.context.interrupt)))
        } catch {
            let blamed: String? = if case .emptyInput(let argument) = error { argument } else { nil }
            throw call.error(error.description, at: blamed, kind: error.diagnosticKind)
        }
    }

    /// A number or a rank-0/rank-1 tensor, as NumPy's `ndmin=1` accepts.
    private static func signal(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Double] {
        let tensor = try call.tensor(name, allowNumber: true)
        guard tensor.rank <= 1 else {
            throw call.error("\(call.builtin.name) takes 1-D signals, but '\(name)' has shape \(tensor.shape)", at: name,
                             notes: ["use conv for channels and batches"])
        }
        return tensor.scalars
    }

    private static func mode(_ call: BuiltinCall) throws(RuntimeError) -> SignalConvolution.Mode {
        let names = SignalConvolution.Mode.allCases.map(\.rawValue)
        guard case .string(let name) = call.value("mode"), let mode = SignalConvolution.Mode(rawValue: name) else {
            let given = ValueFormatter.repr(call.value("mode"))
            var notes: [String] = []
            if case .string(let name) = call.value("mode"), let suggestion = Suggestion.nearest(to: name.lowercased(), in: names) {
                notes.append("did you mean \"\(suggestion)\"?")
            }
            throw call.error("mode must be one of \"valid\", \"same\" or \"full\", not \(given)", at: "mode", notes: notes)
        }
        return mode
    }
}
