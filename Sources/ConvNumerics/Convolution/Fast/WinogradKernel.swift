import CConvKernels
import Synchronization

/// Winograd's minimal filtering F(m, r) (Lavin & Gray), one-dimensional: `m` outputs of an
/// `r`-tap kernel from one tile of `α = m + r − 1` inputs with `α` multiplications instead of
/// `m·r`, as `y = Aᵀ[(G w) ⊙ (Bᵀ x)]`. Summed over the input channels, each of the `α` points
/// ξ becomes a matrix product `M_ξ[out × tiles] = U_ξ[out × in] · V_ξ[in × tiles]`, which the
/// multiply kernel computes; F(6, 3) does 8/6 multiply-adds per output where the direct sum does
/// 3.
///
/// Which tiles (see ``WinogradTile``): stride 1, dilation 1, kernels of 2 to 4 taps. Their
/// rounding (measured by `Tests/Winograd/generate_tables.py`'s construction on random data, and
/// bounded in the tests) stays within ``WinogradTile/errorBound`` of float32's epsilon times the
/// `Σ|w·x|` of the outputs sharing a tile; the transforms mix a tile's inputs, so a huge input
/// value can lend its rounding to the other outputs of its tile, as the FFT's does to its block.
///
/// Units of work are (item, group, block of tiles); a block's `V` and `M` stay in the L2 cache.
/// A block is ``WinogradBlocks/lanes`` segments side by side, one per vector lane (see the C
/// kernels). Infinite or NaN operands (or results) would spread through the transforms where
/// the direct sum keeps them in place, so such a call is computed again by ``MultiplyKernel``.
struct WinogradKernel<Scalar: ConvolutionScalar>: Sendable {
    let plan: ConvolutionPlan
    let tile: WinogradTile
    let blocks: WinogradBlocks
    /// The highest compiled version the C kernels may run (tests compare them).
    let level: Int32

    init?(plan: ConvolutionPlan, level: Int32 = CONV_KERNELS_BEST) {
        guard let tile = WinogradTile(plan) else { return nil }
        self.plan = plan
        self.level = level
        self.tile = tile
        blocks = WinogradBlocks(plan, tile: tile, lanes: Scalar.winogradLanes)
    }

    /// Writes every output element (whatever `operands.output` held).
    func run(_ operands: KernelOperands<Scalar>, bias: [Scalar]?, interrupt: InterruptFlag?) {
        let inPerGroup = plan.inChannelsPerGroup
        let outPerGroup = plan.outChannelsPerGroup
        let alpha = tile.inputs
        let weightCount = plan.outChannels * inPerGroup * tile.taps
        guard (0..<weightCount).allSatisfy({ operands.weight[$0].isFinite }) else {
            return MultiplyKernel<Scalar>(plan: plan).run(operands, bias: bias, interrupt: interrupt)
        }
        // U_ξ for every group, each packed for the multiply.
        let pairs = outPerGroup * inPerGroup
        let packedCount = Scalar.packedWeightsCount(rows: outPerGroup, depth: inPerGroup)
        let packed = SharedTable<Scalar>(count: packedCount * alpha * plan.groups)
        let zeros = SharedTable<Scalar>(count: outPerGroup)
        defer {
            packed.deallocate()
            zeros.deallocate()
        }
        zeros.base.update(repeating: 0, count: outPerGroup)
        let transformed = UnsafeMutablePointer<Scalar>.allocate(capacity: pairs * alpha)
        for group in 0..<plan.groups {
            Scalar.winogradWeights(
                m: tile.outputs, r: tile.taps, operands.weight + group * pairs * tile.taps, rows: pairs,
                into: transformed, uStride: pairs)
            for point in 0..<alpha {
                Scalar.packWeights(
                    transformed + point * pairs, rowStride: inPerGroup, rows: outPerGroup, depth: inPerGroup,
                    into: packed.base + (group * alpha + point) * packedCount)
            }
        }
        transformed.deallocate()

        let blocks = self.blocks
        let columns = blocks.columns
        let units = plan.batch * plan.groups * blocks.perRow
        let workers = ParallelWork.workerCount(work: ConvolutionCostModel.multiplyAdds(plan), units: units)
        let queue = WorkQueue(units: units, workers: workers)
        let spread = SpreadFlag()
        ParallelWork.run(workers: workers) { _ in
            let buffers = Buffers(kernel: self, blocks: blocks)
            defer { buffers.deallocate() }
            queue.forEachUnit { unit, following in
                if interrupt?.isRaised == true || spread.isRaised { return false }
                let block = unit % blocks.perRow
                let itemGroup = unit / blocks.perRow
                let group = itemGroup % plan.groups
                let item = itemGroup / plan.groups
                let first = block * blocks.outputsPerBlock
                let steps = blocks.steps(ofBlock: block)
                let count = min(steps * blocks.lanes * tile.outputs, plan.outputLength - first)
                transformInputs(item: item, group: group, first: first, steps: steps, operands.input, buffers)
                if interrupt?.isRaised == true { return false }
                var spreads = false
                // The products leave the memory idle: they fetch the input of this worker's next
                // unit, a share of its channels each.
                let ahead = following.flatMap { inputAhead(of: $0, operands.input) }
                for point in 0..<alpha {
                    Scalar.multiplyLaidOut(
                        level: level, packed: packed.base + (group * alpha + point) * packedCount,
                        rows: outPerGroup, depth: inPerGroup, b: buffers.transformed + point * inPerGroup * buffers.rowStride,
                        rowStride: buffers.rowStride, columns: steps * blocks.lanes,
                        into: buffers.products + point * outPerGroup * columns, outputStride: columns,
                        initial: zeros.base, fetch: ahead?.share(point, of: alpha))
                }
                for local in 0..<outPerGroup {
                    let channel = group * outPerGroup + local
                    let target = operands.output + ((item * plan.outChannels + channel) * plan.outputLength + first)
                    spreads = Scalar.winogradOutput(
                        level: level, m: tile.outputs, r: tile.taps,
                        products: buffers.products + local * columns, pStride: outPerGroup * columns,
                        steps: steps, bias: bias?[channel] ?? 0, into: target, count: count,
                        scratch: buffers.transformScratch,
                        next: local + 1 < outPerGroup ? target + plan.outputLength : nil) || spreads
                }
                if spreads { spread.raise() }
                return !spreads
            }
        }
        if spread.isRaised, interrupt?.isRaised != true {
            MultiplyKernel<Scalar>(plan: plan).run(operands, bias: bias, interrupt: interrupt)
        }
    }

    /// The input rows unit `next` will read, clamped to the input (its padding is no memory to
    /// fetch), or nil when it reads none.
    func inputAhead(of next: Int, _ input: UnsafePointer<Scalar>) -> RowsAhead<Scalar>? {
        let geometry = plan.geometry
        let itemGroup = next / blocks.perRow
        let group = itemGroup % plan.groups
        let item = itemGroup / plan.groups
        // Stride 1: output `o` reads padded positions from `o` on, input positions from `o − left`.
        let start = (next % blocks.perRow) * blocks.outputsPerBlock - geometry.left
        let lower = max(start, 0)
        let upper = min(start + blocks.windowLength, geometry.inputLength)
        guard lower < upper else { return nil }
        let firstChannel = item * plan.inChannels + group * plan.inChannelsPerGroup
        return RowsAhead(
            first: input + firstChannel * geometry.inputLength + lower, rows: plan.inChannelsPerGroup,
            stride: geometry.inputLength, length: upper - lower)
    }

    /// `V` for every input channel of the group over the block starting at output `first`.
    private func transformInputs(
        item: Int, group: Int, first: Int, steps: Int, _ input: UnsafePointer<Scalar>, _ buffers: Buffers
    ) {
        let geometry = plan.geometry
        let inPerGroup = plan.inChannelsPerGroup
        for local in 0..<inPerGroup {
            let channel = group * inPerGroup + local
            let paddedRow = PaddedRow(
                source: input + (item * plan.inChannels + channel) * geometry.inputLength,
                length: geometry.inputLength, left: geometry.left, mode: geometry.paddingMode)
            // Stride 1: output `first` reads padded positions from `first` on.
            let window = paddedRow.window(from: first, count: blocks.windowLength, scratch: buffers.window)
            // The next channel's window lies one row further on, where it lies inside the input.
            let inside = window != UnsafePointer(buffers.window) && local + 1 < inPerGroup
            Scalar.winogradInput(
                level: level, m: tile.outputs, r: tile.taps, window: window, steps: steps,
                into: buffers.transformed + local * buffers.rowStride, vStride: inPerGroup * buffers.rowStride,
                scratch: buffers.transformScratch, next: inside ? window + geometry.inputLength : nil)
        }
    }

    /// One worker's scratch: `V` of a block (laid out as the multiply packs its right-hand rows,
    /// so that it reads them in place), `M`, the transforms', a window.
    private struct Buffers {
        let transformedBytes: UnsafeMutableRawPointer
        let transformed: UnsafeMutablePointer<Scalar>
        /// Elements between rows of `V`.
        let rowStride: Int
        let products: UnsafeMutablePointer<Scalar>
        let transformScratch: UnsafeMutablePointer<Scalar>
        let window: UnsafeMutablePointer<Scalar>

        init(kernel: WinogradKernel, blocks: WinogradBlocks) {
            let plan = kernel.plan
            let alpha = kernel.tile.inputs
            rowStride = Scalar.multiplyRowStride(columns: blocks.columns)
            let stride = MemoryLayout<Scalar>.stride
            transformedBytes = .allocate(byteCount: alpha * plan.inChannelsPerGroup * rowStride * stride, alignment: 64)
            transformed = transformedBytes.bindMemory(to: Scalar.self, capacity: alpha * plan.inChannelsPerGroup * rowStride)
            products = .allocate(capacity: alpha * plan.outChannelsPerGroup * blocks.columns)
            transformScratch = .allocate(capacity: blocks.transformScratchCount)
            window = .allocate(capacity: blocks.windowLength)
        }

        func deallocate() {
            transformedBytes.deallocate()
            products.deallocate()
            transformScratch.deallocate()
            window.deallocate()
        }
    }
}

/// Rows of memory a kernel fetches into the cache while it computes something else (see
/// ``ConvolutionScalar/multiplyLaidOut(level:packed:rows:depth:b:rowStride:columns:into:outputStride:initial:fetch:)``):
/// `rows` rows of `length` elements from `first`, `stride` elements apart.
struct RowsAhead<Scalar: ConvolutionScalar> {
    let first: UnsafePointer<Scalar>
    let rows: Int
    let stride: Int
    let length: Int

    /// Share `index` of `count` nearly equal shares of the rows, or nil when it has none.
    func share(_ index: Int, of count: Int) -> RowsAhead? {
        let perShare = (rows + count - 1) / count
        let lower = index * perShare
        let upper = min(rows, lower + perShare)
        guard lower < upper else { return nil }
        return RowsAhead(first: first + lower * stride, rows: upper - lower, stride: stride, length: length)
    }
}

/// Raised by a worker whose block gave an infinite or NaN value.
private final class SpreadFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isRaised: Bool { raised.load(ordering: .relaxed) }
    func raise() { raised.store(true, ordering: .relaxed) }
}

/// The Winograd tile F(m, r) for a plan, when there is one: stride 1, dilation 1, and a kernel
/// size with transforms.
struct WinogradTile: Sendable, Equatable {
    /// `m`: outputs per tile.
    let outputs: Int
    /// `r`: the kernel's taps.
    let taps: Int
    /// `α = m + r − 1`: inputs per tile, and the matrix products per block.
    var inputs: Int { outputs + taps - 1 }

    /// The error bound, in units of the element type's epsilon times the largest `Σ|w·x| + |b|`
    /// among the outputs that can share a tile with the output (within `m − 1` of it). The
    /// largest measured over six seeds of the tests' 300 random problems, float32 and float64:
    /// F(4, 2) 6.5, F(6, 3) 20.0, F(4, 4) 14.2. (F(4, 5) reached 30, so five taps are left to
    /// the direct kernels.) A direct sum's own rounding is at most `terms` epsilons of `Σ|w·x|`.
    static let errorBound = 24.0

    /// Outputs per tile for each kernel size: the largest tile of at most 8 inputs whose
    /// rounding stays near 10 epsilons on wide random problems (F(6, 3): 9.9 with 64 channels;
    /// F(8, 3) would reach 100 with any points tried).
    static func outputs(forTaps taps: Int) -> Int? {
        switch taps {
        case 2, 4: 4
        case 3: 6
        default: nil
        }
    }

    init?(_ plan: ConvolutionPlan) {
        let geometry = plan.geometry
        guard geometry.stride == 1, geometry.dilation == 1, let outputs = Self.outputs(forTaps: geometry.kernelSize),
              conv_kernels_winograd_supports(outputs, geometry.kernelSize) != 0
        else { return nil }
        self.outputs = outputs
        taps = geometry.kernelSize
    }
}

/// How a plan's output rows are cut into blocks of tiles: `lanes` segments of `steps` tiles
/// each, the last block of a row `lastSteps` (no more than needed to reach the row's end).
struct WinogradBlocks: Sendable, Equatable {
    /// Tiles transformed at once: one vector's lanes.
    let lanes: Int
    let outputsPerTile: Int
    /// Tiles per segment, in every block but the last of a row.
    let steps: Int
    /// Tiles per segment in the last block of a row.
    let lastSteps: Int
    /// Blocks per output row.
    let perRow: Int
    /// Padded positions a block's windows read, at most.
    let windowLength: Int
    /// Elements of scratch for either transform.
    let transformScratchCount: Int
    /// Whether a block's `V` and `M` (for so many channels that even one step per segment
    /// outgrows the cache) stay within four times the cache's share.
    let fitsMemory: Bool

    /// Bytes a block's `V` and `M` may take together, leaving room in a 1 MiB L2 cache for the
    /// windows and the packed weights (W2f in a C harness on one core, before the transforms
    /// fetched ahead: 3.4 ms at 640 KiB, 3.6 ms at 400 KiB, 4.3 ms at 240 KiB, 4.4 ms at 1 MiB).
    static let blockBytes = 655_360

    /// Steps are even, so that a block's columns (`lanes·steps`, 16 floats or 8 doubles a step)
    /// fill the multiply's panels of two vectors: a half panel costs a whole one.
    static let stepMultiple = 2

    /// Tiles (columns of the matrix products) per block, at most.
    var columns: Int { lanes * steps }
    var outputsPerBlock: Int { lanes * steps * outputsPerTile }

    /// Tiles per segment in block `block` of a row.
    func steps(ofBlock block: Int) -> Int { block == perRow - 1 ? lastSteps : steps }

    init(_ plan: ConvolutionPlan, tile: WinogradTile, lanes: Int) {
        self.lanes = lanes
        outputsPerTile = tile.outputs
        let channels = plan.inChannelsPerGroup.addingSaturating(plan.outChannelsPerGroup)
        let perStepColumns = channels.multipliedSaturating(by: tile.inputs).multipliedSaturating(by: lanes)
        // A vector of `lanes` elements is 64 bytes.
        let blockElements = Self.blockBytes / (64 / lanes)
        fitsMemory = perStepColumns <= 4 * blockElements
        let multiple = Self.stepMultiple
        let largestSteps = max(multiple, blockElements / perStepColumns / multiple * multiple)
        let perStep = lanes * tile.outputs
        let totalSteps = (plan.outputLength / perStep + (plan.outputLength % perStep == 0 ? 0 : 1))
        let roundedTotal = (totalSteps + multiple - 1) / multiple * multiple
        steps = min(largestSteps, roundedTotal)
        perRow = (roundedTotal + steps - 1) / steps
        lastSteps = roundedTotal - (perRow - 1) * steps
        let segment = steps * tile.outputs
        let read = (segment + tile.taps - 1 + lanes - 1) / lanes * lanes
        windowLength = (lanes - 1) * segment + read
        transformScratchCount = read * lanes
    }

    /// Tiles computed per output row, counting those past the row's end in its last block.
    var tilesPerRow: Int { ((perRow - 1) * steps + lastSteps).multipliedSaturating(by: lanes) }
}
