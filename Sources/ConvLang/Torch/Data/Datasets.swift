import ConvNumerics

/// `torch.utils.data`'s datasets as conv has them: `TensorDataset`, the `Subset`s `random_split`
/// makes, and a program's own `Dataset` subclass (any object whose class defines `__len__` and
/// `__getitem__`). ``Datasets`` reads any of them the one way a `DataLoader` needs.
protocol DatasetObject: TorchObject {
    /// How many samples it holds.
    var count: Int { get }
    /// Sample `index`, for `0 ≤ index < count`; `read` reads a sample of another dataset (what
    /// a `Subset` wraps), `rule` says what a rank-1 tensor's element is.
    func sample(_ index: Int, rule: ElementRule, read: (Value, Int) throws(RuntimeError) -> Value) throws(RuntimeError) -> Value
}

/// `TensorDataset(x, y)`: sample `i` is the tuple `(x[i], y[i])`.
final class TensorDataset: DatasetObject {
    let tensors: [Tensor]

    init(_ tensors: [Tensor]) { self.tensors = tensors }

    var count: Int { tensors.first?.shape.first ?? 0 }
    var typeName: String { "TensorDataset" }
    var description: String { "<torch.utils.data.dataset.TensorDataset object>" }

    func sample(_ index: Int, rule: ElementRule, read: (Value, Int) throws(RuntimeError) -> Value) throws(RuntimeError) -> Value {
        .tuple(tensors.map { Iteration.row(of: $0, at: index, elements: rule) })
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        name == "tensors" ? .tuple(tensors.map(Value.tensor)) : nil
    }

    var memberNames: [String] { ["tensors"] }
}

/// `Subset(dataset, indices)`: the samples of `dataset` at `indices`, in that order.
final class Subset: DatasetObject {
    let dataset: Value
    let indices: [Int]

    init(_ dataset: Value, indices: [Int]) { (self.dataset, self.indices) = (dataset, indices) }

    var count: Int { indices.count }
    var typeName: String { "Subset" }
    var description: String { "<torch.utils.data.dataset.Subset object>" }

    func sample(_ index: Int, rule: ElementRule, read: (Value, Int) throws(RuntimeError) -> Value) throws(RuntimeError) -> Value {
        try read(dataset, indices[index])
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "dataset": dataset
        case "indices": .list(PythonList(indices.map(Value.int)))
        default: nil
        }
    }

    var memberNames: [String] { ["dataset", "indices"] }
}

/// Reading any dataset: its length and its samples, with the program called back for a
/// `Dataset` subclass's `__len__` and `__getitem__`.
enum Datasets {
    /// `len(dataset)`.
    static func count(of dataset: Value, _ context: EvaluationContext?, at range: SourceRange) throws(RuntimeError) -> Int {
        if case .object(let box) = dataset, let known = box.object as? any DatasetObject { return known.count }
        if dataset.pythonInstance != nil, let evaluator = context?.evaluator,
           let length = try evaluator.callSpecial("__len__", of: dataset, [], range: range) {
            return try Coercion.index(length, what: "__len__()", at: range)
        }
        if let sequence = sequence(dataset, context, at: range) { return sequence.count }
        throw RuntimeError("a dataset needs __len__ and __getitem__: \(PythonText.typeName(dataset)) has no len()", at: range,
                           raising: .typeError)
    }

    /// `dataset[index]`.
    static func sample(of dataset: Value, at index: Int, _ context: EvaluationContext?, rule: ElementRule,
                       at range: SourceRange) throws(RuntimeError) -> Value {
        if case .object(let box) = dataset, let known = box.object as? any DatasetObject {
            return try known.sample(index, rule: rule) { (inner: Value, position: Int) throws(RuntimeError) -> Value in
                try sample(of: inner, at: position, context, rule: rule, at: range)
            }
        }
        if dataset.pythonInstance != nil, let evaluator = context?.evaluator,
           let item = try evaluator.callSpecial("__getitem__", of: dataset, [.int(index)], range: range) {
            return item
        }
        if let sequence = sequence(dataset, context, at: range), index < sequence.count { return sequence[index] }
        throw RuntimeError("'\(PythonText.typeName(dataset))' object is not subscriptable", at: range, raising: .typeError)
    }

    /// A list, tuple, range or tensor used as a dataset (`DataLoader([1.5, 2.5])`), read as
    /// Python indexes it.
    private static func sequence(_ dataset: Value, _ context: EvaluationContext?, at range: SourceRange) -> Iteration.Items? {
        switch dataset {
        case .list, .tuple, .range, .tensor, .variable:
            let rule = context.map(ElementRule.init) ?? ElementRule(float64AsNumbers: false)
            return try? Iteration.Items(of: dataset, at: range, elements: rule)
        default: return nil
        }
    }

    /// `dataset[key]` written in a program: an index counted from the end when negative, and
    /// the IndexError PyTorch's gives past the end (a tensor's, or a Subset's list's).
    static func subscriptSample(of dataset: any DatasetObject, _ key: Value, _ context: EvaluationContext,
                                at range: SourceRange) throws(RuntimeError) -> Value {
        let index = try Evaluator.position(key, extent: dataset.count, of: dataset is Subset ? .sequence("list") : .tensorAxis(0),
                                           at: range)
        return try sample(of: .object(ObjectBox(dataset)), at: index, context, rule: ElementRule(context), at: range)
    }
}
