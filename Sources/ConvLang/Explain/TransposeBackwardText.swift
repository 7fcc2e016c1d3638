import ConvAutograd
import ConvNumerics

/// The backward step of a transposed convolution. The forward scattered each `x[c, i]` through
/// tap `j` of `w[c, o, ·]` into `y[o, t]` at `t = i·s − p + j·d`, so every gradient reads `g` at
/// those positions: a weight's is the sum of `g·x` over the positions its tap wrote to, the
/// bias's the sum of `g`, and the input's the sum of `g·w` over the taps — an ordinary
/// convolution of `g` with `w` (stride `s`, padding `p`, dilation `d`).
struct TransposeBackwardText {
    private let step: BackwardStep
    private let x: Tensor, w: Tensor, hasBias: Bool
    private let parameters: ConvolutionTransposeParameters
    private let title: String
    private let sources: BackwardSources
    private let all: Bool
    /// Items, input and output channels, output channels per group, taps, and the lengths.
    private let batch: Int, inChannels: Int, outChannels: Int, outPerGroup: Int, kernelSize: Int, inLength: Int, outLength: Int
    private let xs: [Double], ws: [Double], g: [Double]

    private typealias N = ExplanationNumbers

    init?(_ step: BackwardStep, title: String, sources: BackwardSources, all: Bool) {
        guard case .transposedConvolution(let input, let weight, let bias, let parameters)? = step.record,
              input.rank == 2 || input.rank == 3, weight.rank == 3, parameters.groups > 0 else { return nil }
        (self.step, x, w, hasBias, self.parameters) = (step, input, weight, bias != nil, parameters)
        (self.title, self.sources, self.all) = (title, sources, all)
        batch = input.rank == 3 ? input.shape[0] : 1
        (inChannels, inLength) = (input.shape[input.rank - 2], input.shape[input.rank - 1])
        (outPerGroup, kernelSize) = (weight.shape[1], weight.shape[2])
        outChannels = outPerGroup * parameters.groups
        outLength = step.upstream.shape.last ?? 0
        (xs, ws, g) = (input.scalars, weight.scalars, step.upstream.scalars)
        guard weight.shape[0] == inChannels, g.count == batch * outChannels * outLength else { return nil }
    }

    func render() -> [String] {
        heading + [""] + upstream + [""] + weightSection + biasSection + [""] + inputSection
    }

    private var heading: [String] {
        let p = parameters
        let operands = [sources.describe(0, role: "x"), sources.describe(1, role: "w")] + (hasBias ? [sources.describe(2, role: "b")] : [])
        var lines = ["\(title): a transposed convolution y = conv_transpose1d(" + operands.joined(separator: ", ") + ")",
                     "settings: L=\(inLength), k=\(kernelSize), s=\(p.stride), p=\(p.padding), output_padding=\(p.outputPadding), "
                        + "d=\(p.dilation), g=\(p.groups) → L_out = \(outLength)",
                     "the forward scattered x[i] through tap j into y[t] at t = i·s − p + j·d, so each gradient reads g at those positions"]
        if batch > 1 {
            lines.append("a batch of \(batch) items: the weight and bias gradients sum over every item; the input gradient is shown for item 0")
        }
        return lines
    }

    private var upstream: [String] {
        var lines = ["upstream gradient g = ∂L/∂y, one per output position:"]
        for n in visibleIndices(batch, head: 2, tail: 1, all: all) {
            guard let n else { lines.append("  …"); continue }
            for o in visibleIndices(outChannels, head: StepLayout.headChannels, tail: 1, all: all) {
                guard let o else { lines.append("  …"); continue }
                let base = (n * outChannels + o) * outLength
                let label = GradientSum.index(n * outChannels + o, shape: Array(step.upstream.shape.dropLast()), compact: true)
                lines.append("  g\(label) = " + BackwardValues.list(Array(g[base..<(base + outLength)]), all: all))
            }
        }
        return lines
    }

    /// The output position tap `j` wrote input position `i` to, if it is inside the output.
    private func target(_ i: Int, _ j: Int) -> Int? {
        let t = i * parameters.stride - parameters.padding + j * parameters.dilation
        return t >= 0 && t < outLength ? t : nil
    }

    private func outChannel(_ c: Int, _ local: Int) -> Int { c / Swift.max(inChannels / parameters.groups, 1) * outPerGroup + local }

    // MARK: - Weight and bias

    private var weightSection: [String] {
        guard let gradient = gradient(1) else { return ["weight gradient: \(sources.describe(1, role: "w")) needs no gradient (it does not require grad)"] }
        var lines = ["weight gradient: tap j of w[c, o] wrote x[c, i]·w into y[o, i·s − p + j·d], so ∂L/∂w[c, o, j] = Σ_i g[o, i·s − p + j·d]·x[c, i]"
                     + (batch > 1 ? ", summed over the items" : "")]
        for c in visibleIndices(inChannels, head: 2, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            for local in visibleIndices(outPerGroup, head: 2, tail: 1, all: all) {
                guard let local else { lines.append("  …"); continue }
                let o = outChannel(c, local)
                for j in visibleIndices(kernelSize, head: StepLayout.headTaps, tail: 1, all: all) {
                    guard let j else { lines.append("  …"); continue }
                    let terms = (0..<batch).flatMap { n in (0..<inLength).compactMap { i in target(i, j).map { (n, i, $0) } } }
                    let at = (c * outPerGroup + local) * kernelSize + j
                    lines.append(GradientSum.line("∂L/∂w" + GradientSum.index(at, shape: w.shape, compact: true), count: terms.count,
                                                  all: all, value: gradient[at]) { k in
                        let (n, i, t) = terms[k]
                        return (gName(n, o, t) + "·" + xName(n, c, i), N.term(gValue(n, o, t)) + "·" + N.term(xs[(n * inChannels + c) * inLength + i]))
                    })
                }
            }
        }
        return lines
    }

    private var biasSection: [String] {
        guard hasBias else { return [] }
        guard let gradient = gradient(2) else { return ["bias gradient: \(sources.describe(2, role: "b")) needs no gradient (it does not require grad)"] }
        var lines = ["bias gradient: b[o] was added to every output of its channel, so ∂L/∂b[o] = Σ_t g[o, t]"]
        for o in visibleIndices(outChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let o else { lines.append("  …"); continue }
            let name = "∂L/∂b" + GradientSum.index(o, shape: [outChannels], compact: true)
            lines.append(GradientSum.line(name, count: batch * outLength, all: all, value: gradient[o]) { k in
                let (n, t) = k.quotientAndRemainder(dividingBy: outLength)
                return (gName(n, o, t), N.term(gValue(n, o, t)))
            })
        }
        return lines
    }

    // MARK: - Input

    private var inputSection: [String] {
        guard let gradient = gradient(0) else { return ["input gradient: \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"] }
        let p = parameters
        var lines = ["input gradient: x[c, i] reached y[o, i·s − p + j·d] through each tap, so ∂L/∂x[c, i] = Σ_o Σ_j g[o, i·s − p + j·d]·w[c, o, j]: "
                     + "an ordinary convolution of g with w (stride \(p.stride), padding \(p.padding), dilation \(p.dilation))"
                     + (batch > 1 ? " (item 0; every other item the same way with its own g)" : "")]
        for c in visibleIndices(inChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            for i in visibleIndices(inLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
                guard let i else { lines.append("  …"); continue }
                let terms = (0..<outPerGroup).flatMap { local in (0..<kernelSize).compactMap { j in target(i, j).map { (local, j, $0) } } }
                let value = gradient[c * inLength + i]
                guard !terms.isEmpty else {
                    lines.append("  ∂L/∂\(xName(0, c, i)) = \(N.number(value)): every position it was written to was cut off by the padding")
                    continue
                }
                lines.append(GradientSum.line("∂L/∂" + xName(0, c, i), count: terms.count, all: all, value: value) { k in
                    let (local, j, t) = terms[k]
                    let o = outChannel(c, local)
                    let at = (c * outPerGroup + local) * kernelSize + j
                    return (gName(0, o, t) + "·w" + GradientSum.index(at, shape: w.shape, compact: true),
                            N.term(gValue(0, o, t)) + "·" + N.term(ws[at]))
                })
            }
        }
        return lines
    }

    // MARK: - Names

    private func gradient(_ index: Int) -> [Double]? {
        index < step.gradients.count ? step.gradients[index]?.scalars : nil
    }

    private func gValue(_ n: Int, _ o: Int, _ t: Int) -> Double { g[(n * outChannels + o) * outLength + t] }

    private func gName(_ n: Int, _ o: Int, _ t: Int) -> String {
        "g" + GradientSum.index((n * outChannels + o) * outLength + t, shape: step.upstream.shape, compact: true)
    }

    private func xName(_ n: Int, _ c: Int, _ i: Int) -> String {
        "x" + GradientSum.index((n * inChannels + c) * inLength + i, shape: x.shape, compact: true)
    }
}
