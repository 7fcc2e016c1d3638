/// One unpadded input row seen through its padding: any stretch of padded positions can be
/// read without materialising the whole padded row.
///
/// Kernels ask for windows of the padded row. A window that lies inside the input is the
/// input itself (no copy); only windows that touch the padding are assembled in scratch, so
/// padding is handled outside the hot loops and the interior is never copied.
struct PaddedRow<Scalar: ConvolutionScalar> {
    /// The input row, `length` values.
    let source: UnsafePointer<Scalar>
    let length: Int
    /// Padded positions before the first input value.
    let left: Int
    let mode: PaddingMode

    /// The padded positions `start ..< start + count`: a pointer into the input when they all
    /// lie inside it, otherwise `scratch` (at least `count` values) filled with them.
    func window(from start: Int, count: Int, scratch: UnsafeMutablePointer<Scalar>) -> UnsafePointer<Scalar> {
        let offset = start - left
        if offset >= 0, offset + count <= length { return source + offset }
        fill(from: start, count: count, into: scratch)
        return UnsafePointer(scratch)
    }

    /// Writes the padded positions `start ..< start + count` to `target`. Positions beyond the
    /// padding PyTorch allows keep following the mode's pattern (see
    /// ``Convolution/sourceIndex(ofPaddedPosition:inputLength:left:mode:)``); kernels only
    /// read them for outputs they discard.
    func fill(from start: Int, count: Int, into target: UnsafeMutablePointer<Scalar>) {
        let end = start + count
        let insideStart = min(max(start, left), end)
        let insideEnd = max(min(end, left + length), insideStart)
        fillPadding(from: start, to: insideStart, windowStart: start, into: target)
        if insideEnd > insideStart {
            (target + (insideStart - start)).update(from: source + (insideStart - left), count: insideEnd - insideStart)
        }
        fillPadding(from: insideEnd, to: end, windowStart: start, into: target)
    }

    /// Padding values for positions `first ..< last` of a window that starts at `windowStart`.
    private func fillPadding(
        from first: Int, to last: Int, windowStart: Int, into target: UnsafeMutablePointer<Scalar>
    ) {
        guard first < last else { return }
        if mode == .zeros {
            (target + (first - windowStart)).update(repeating: 0, count: last - first)
            return
        }
        for position in first..<last {
            let index = Convolution.sourceIndex(
                ofPaddedPosition: position, inputLength: length, left: left, mode: mode)
            target[position - windowStart] = index.map { source[$0] } ?? 0
        }
    }
}
