import ConvNumerics

/// Indexing a tensor with tensors, lists or ranges of positions (`x[idx]`, `y_hat[range(n), y]`)
/// or with a mask of bools (`x[x > 0]`), by NumPy's rules, which PyTorch follows:
/// - a mask of rank k stands for its `nonzero()` coordinates, k index arrays, over k axes;
/// - every index array, and every integer beside them, broadcasts to one shape B;
/// - when those indices sit on adjacent axes, B replaces them in the result; otherwise B comes
///   first, followed by the axes that slices kept.
/// The selection is a list of flat offsets, read (`IndexBackward0` with autograd) and assigned
/// (`x[mask] = 0`) as basic selections are.
extension Evaluator {
    /// A tensor's subscripts once evaluated: the axes' positions (basic indexing), or the
    /// elements advanced indexing selects.
    enum TensorSelection {
        case axes([AxisSelection])
        /// `lone`: the index was one mask, or one array of positions, alone (what `x[i] = 0`
        /// records depends on it).
        case elements(shape: [Int], offsets: [Int], lone: LoneIndex?)

        /// The selection's shape and the flat offsets of its elements, in row-major order.
        func offsets(of tensor: Tensor) -> (shape: [Int], offsets: [Int]) {
            switch self {
            case .axes(let selections): Evaluator.offsets(of: tensor, selections)
            case .elements(let shape, let offsets, _): (shape, offsets)
            }
        }
    }

    /// An index that was a single mask or a single array of positions.
    enum LoneIndex { case mask, positions }

    /// What one subscript stands for once its value is known.
    private enum IndexItem {
        /// A slice, or an integer, of one axis.
        case basic(Subscript, Value?)
        /// Index arrays for `arrays.count` consecutive axes (one for an integer array, k for a
        /// mask of rank k), each of `shape`, positions not yet checked against the axes.
        case arrays([[Int]], shape: [Int], range: SourceRange, mask: Bool)
    }

    /// The selection `subscripts` make of a tensor of `shape`; each index expression is
    /// evaluated once.
    func tensorSelection(_ subscripts: [Subscript], shape: [Int], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> TensorSelection {
        var items: [IndexItem] = []
        var advanced = false
        var axis = 0
        for item in subscripts {
            guard case .index(let expr) = item else {
                items.append(.basic(item, nil))
                axis += 1
                continue
            }
            if case .ellipsis = expr {
                items.append(.basic(item, nil))
                continue
            }
            let value = try evaluate(expr, locals)
            if let arrays = try Self.indexArrays(value, shape: shape, from: axis, at: expr.range) {
                items.append(.arrays(arrays.positions, shape: arrays.shape, range: expr.range, mask: arrays.mask))
                advanced = true
                axis += Swift.max(arrays.positions.count, 1)
            } else {
                items.append(.basic(item, value))
                axis += 1
            }
        }
        guard advanced else {
            return .axes(try tensorSelections(subscripts, shape: shape, range: range, evaluated: items.map { item in
                if case .basic(_, let value) = item { value } else { nil }
            }, locals))
        }
        return try elements(items, shape: shape, range: range, locals)
    }

    /// The index arrays a value stands for, or nil for a value basic indexing takes (an
    /// integer, a one-element integer tensor, None, ...). A mask's arrays are its true
    /// elements' coordinates along the axes from `axis`, which its shape must match.
    private static func indexArrays(
        _ value: Value, shape: [Int], from axis: Int, at range: SourceRange
    ) throws(RuntimeError) -> (positions: [[Int]], shape: [Int], mask: Bool)? {
        let tensor: Tensor
        switch value {
        case .tensor(let t) where t.rank >= 1 || t.dtype == .bool: tensor = t
        case .variable(let box) where box.tensor.rank >= 1 || box.tensor.dtype == .bool: tensor = box.tensor
        case .object(let box) where box.object is NumPyArray:
            guard let array = box.object as? NumPyArray, array.tensor.rank >= 1 else { return nil }
            tensor = array.tensor
        case .range(let pythonRange):
            return ([(0..<pythonRange.count).map { pythonRange.element(at: $0) }], [pythonRange.count], false)
        case .list(let list):
            if list.items.isEmpty { return ([[]], [0], false) }
            if list.items.allSatisfy({ if case .bool = $0 { true } else { false } }) {
                tensor = Tensor(list.items.map { $0.asNumber ?? 0 }).converted(to: .bool)
            } else if list.items.allSatisfy({ if case .int = $0 { true } else { false } }) {
                return ([list.items.map { if case .int(let i) = $0 { i } else { 0 } }], [list.items.count], false)
            } else if let nested = list.tensor {
                tensor = nested
            } else {
                throw RuntimeError("tensors used as indices must be long, int, byte or bool tensors", at: range, raising: .indexError)
            }
        default: return nil
        }
        if tensor.dtype == .bool {
            let rank = tensor.rank
            guard axis + rank <= shape.count else {
                throw RuntimeError("too many indices for tensor of dimension \(shape.count)", at: range, raising: .indexError)
            }
            for (k, extent) in tensor.shape.enumerated() where extent != shape[axis + k] {
                throw RuntimeError("The shape of the mask \(tensor.shape) at index \(k) does not match the shape of the indexed tensor \(shape) at index \(axis + k)",
                                   at: range, raising: .indexError)
            }
            let strides = Tensor.strides(of: tensor.shape)
            var positions = [[Int]](repeating: [], count: rank)
            for (offset, flag) in tensor.scalars.enumerated() where flag != 0 {
                var rest = offset
                for k in 0..<rank {
                    positions[k].append(rest / Swift.max(strides[k], 1))
                    rest %= Swift.max(strides[k], 1)
                }
            }
            return (positions, [positions.first?.count ?? 0], true)
        }
        guard !tensor.dtype.isFloatingPoint else {
            throw RuntimeError("tensors used as indices must be long, int, byte or bool tensors", at: range, raising: .indexError)
        }
        if let exact = tensor.int64Scalars { return ([exact.map { Int($0) }], tensor.shape, false) }
        // (int32: every value fits an Int.)
        return ([tensor.scalars.map { Int(exactly: $0.rounded(.towardZero)) ?? ($0 < 0 ? Int.min : Int.max) }], tensor.shape, false)
    }

    /// The elements selected when some subscript is an index array.
    private func elements(_ items: [IndexItem], shape: [Int], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> TensorSelection {
        // Each axis: its kept positions (a slice), or one of the broadcast index arrays.
        enum Axis { case kept([Int]), indexed(Int) }
        var axes: [Axis] = []
        var arrays: [(positions: [Int], shape: [Int])] = []
        let used = items.reduce(0) { count, item in
            switch item {
            case .basic(.index(.ellipsis), _): count
            case .basic: count + 1
            case .arrays(let positions, _, _, _): count + Swift.max(positions.count, 1)
            }
        }
        guard used <= shape.count else {
            throw RuntimeError("too many indices for tensor of dimension \(shape.count)", at: range, raising: .indexError)
        }
        var ellipsisSeen = false
        for item in items {
            switch item {
            case .basic(.index(.ellipsis), _):
                if ellipsisSeen { throw RuntimeError("an index can only have a single ellipsis ('...')", at: range, raising: .indexError) }
                ellipsisSeen = true
                for _ in 0..<(shape.count - used) { axes.append(.kept(Array(0..<shape[axes.count]))) }
            case .basic(let item, let value):
                let extent = shape[axes.count]
                switch try select(item, extent: extent, of: .tensorAxis(axes.count), evaluated: value, locals) {
                case .single(let position):
                    // Beside index arrays, an integer is one too (a 0-d one), as in NumPy.
                    axes.append(.indexed(arrays.count))
                    arrays.append(([position], []))
                case .many(let positions): axes.append(.kept(positions))
                }
            case .arrays(let lists, let arrayShape, let itemRange, _):
                // A mask of rank 0 (`x[True]`) adds an axis of length 1 and indexes none.
                guard !lists.isEmpty else { throw RuntimeError("a 0-d mask is not supported as an index by conv", at: itemRange, raising: .indexError) }
                for list in lists {
                    let axis = axes.count
                    let extent = shape[axis]
                    var checked: [Int] = []
                    checked.reserveCapacity(list.count)
                    for position in list {
                        guard position >= -extent, position < extent else {
                            throw RuntimeError("index \(position) is out of bounds for dimension \(axis) with size \(extent)",
                                               at: itemRange, raising: .indexError)
                        }
                        checked.append(position < 0 ? position + extent : position)
                    }
                    axes.append(.indexed(arrays.count))
                    arrays.append((checked, arrayShape))
                }
            }
        }
        while axes.count < shape.count { axes.append(.kept(Array(0..<shape[axes.count]))) }

        // The index arrays' common shape, by broadcasting.
        var common: [Int] = []
        for array in arrays {
            guard let joined = Broadcasting.shape(common, array.shape) else {
                let shapes = arrays.filter { !$0.shape.isEmpty }.map { "\($0.shape)" }.joined(separator: ", ")
                throw RuntimeError("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)",
                                   at: range, raising: .indexError)
            }
            common = joined
        }
        let count = common.reduce(1) { $0.multipliedSaturating(by: $1) }
        // The selection's size, checked before anything of that size is made.
        let kept = axes.map { if case .kept(let positions) = $0 { positions.count } else { 1 } }
        let total = kept.reduce(count) { $0.multipliedSaturating(by: $1) }
        guard total <= context.limits.maximumElements else {
            throw RuntimeError("this selection has \(total == .max ? "too many" : "\(total)") elements, more than conv's limit of \(context.limits.maximumElements)",
                               at: range, kind: .limit(.memory))
        }
        // Each array's position for every element of the common shape.
        let spread: [[Int]] = arrays.map { array in
            let arrayStrides = Tensor.strides(of: array.shape)
            let lead = common.count - array.shape.count
            return (0..<count).map { flat in
                var rest = flat, source = 0
                for (k, extent) in common.enumerated().reversed() {
                    let coordinate = rest % Swift.max(extent, 1)
                    rest /= Swift.max(extent, 1)
                    if k >= lead, array.shape[k - lead] != 1 { source += coordinate * arrayStrides[k - lead] }
                }
                return array.positions[source]
            }
        }

        let indexedAxes = axes.indices.filter { if case .indexed = axes[$0] { true } else { false } }
        let adjacent = (indexedAxes.last ?? 0) - (indexedAxes.first ?? 0) + 1 == indexedAxes.count
        let strides = Tensor.strides(of: shape)
        // The result's axes, outermost first: a kept axis, or the block of the common shape.
        enum Walk { case kept(axis: Int, positions: [Int]), common }
        var walk: [Walk] = []
        for (axis, kind) in axes.enumerated() {
            switch kind {
            case .kept(let positions): walk.append(.kept(axis: axis, positions: positions))
            case .indexed: if adjacent && axis == indexedAxes.first { walk.append(.common) }
            }
        }
        if !adjacent { walk.insert(.common, at: 0) }
        var resultShape: [Int] = []
        for step in walk {
            switch step {
            case .kept(_, let positions): resultShape.append(positions.count)
            case .common: resultShape += common
            }
        }
        // The offset of every common element, then every kept combination around it.
        let commonOffsets: [Int] = (0..<count).map { flat in
            var offset = 0
            for (k, axis) in indexedAxes.enumerated() { offset += spread[k][flat] * strides[axis] }
            return offset
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(total)
        func visit(_ depth: Int, _ offset: Int) {
            guard depth < walk.count else {
                offsets.append(offset)
                return
            }
            switch walk[depth] {
            case .kept(let axis, let positions): for position in positions { visit(depth + 1, offset + position * strides[axis]) }
            case .common: for extra in commonOffsets { visit(depth + 1, offset + extra) }
            }
        }
        visit(0, 0)
        var lone: LoneIndex?
        if items.count == 1, case .arrays(let lists, let arrayShape, _, let mask) = items[0] {
            lone = mask ? .mask : (lists.count == 1 && arrayShape.count == 1 ? .positions : nil)
        }
        return .elements(shape: resultShape, offsets: offsets, lone: lone)
    }
}
