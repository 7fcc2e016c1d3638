import ConvNumerics

/// `DataLoader(dataset, batch_size=, shuffle=, drop_last=)`: the dataset's samples in batches,
/// each batch collated as PyTorch's `default_collate` does (tensors stacked, numbers made
/// tensors, tuples of samples turned into a list of batched fields).
///
/// Every pass draws from the global generator exactly as PyTorch's single-process loader does:
/// one 64-bit draw for the iterator's base seed, then, when shuffling, one more that seeds a
/// fresh generator for `randperm`. So a seeded program sees PyTorch's order of samples, and the
/// draws after the loop (dropout, `torch.rand`) are PyTorch's too.
final class DataLoader: TorchObject {
    let dataset: Value
    /// Samples per batch; nil for `batch_size=None` (samples one by one, unbatched).
    let batchSize: Int?
    let shuffle: Bool
    let dropLast: Bool

    init(dataset: Value, batchSize: Int?, shuffle: Bool, dropLast: Bool) {
        (self.dataset, self.batchSize, self.shuffle, self.dropLast) = (dataset, batchSize, shuffle, dropLast)
    }

    var typeName: String { "DataLoader" }
    var description: String { "<torch.utils.data.dataloader.DataLoader object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "dataset": dataset
        case "batch_size": batchSize.map(Value.int) ?? Value.none
        case "drop_last": .bool(dropLast)
        default: nil
        }
    }

    var memberNames: [String] { ["batch_size", "dataset", "drop_last"] }

    /// `len(loader)`: how many batches a pass gives.
    func batchCount(_ context: EvaluationContext?, at range: SourceRange) throws(RuntimeError) -> Int {
        let samples = try Datasets.count(of: dataset, context, at: range)
        guard let batchSize else { return samples }
        return samples / batchSize + (dropLast || samples % batchSize == 0 ? 0 : 1)
    }

    /// One pass: every batch, in order, drawing from the run's generator as PyTorch does.
    func batches(_ rule: ElementRule, at range: SourceRange) throws(RuntimeError) -> [Value] {
        guard let context = rule.context else {
            throw RuntimeError("a DataLoader is walked by a running program", at: range)
        }
        let samples = try Datasets.count(of: dataset, context, at: range)
        // The iterator's base seed (for worker processes, which conv has none of) is drawn all
        // the same, so the stream stays PyTorch's.
        _ = context.generator.nextUInt64()
        var order = Array(0..<samples)
        if shuffle {
            guard samples > 0 else {
                throw RuntimeError("num_samples should be a positive integer value, but got num_samples=0", at: range,
                                   raising: .valueError)
            }
            var shuffler = TorchGenerator(seed: context.generator.nextUInt64() % (1 << 63))
            let permutation = try? shuffler.randperm(samples)
            order = permutation?.int64Scalars.map { $0.map { Int($0) } } ?? order
        }
        guard let batchSize else {
            var result: [Value] = []
            for index in order {
                try context.countStep(at: range)
                result.append(try Datasets.sample(of: dataset, at: index, context, rule: rule, at: range))
            }
            return result
        }
        var result: [Value] = []
        var start = 0
        while start < order.count {
            let end = start + Swift.min(batchSize, order.count - start)  // never past Int.max
            if dropLast, end - start < batchSize { break }
            var batch: [Value] = []
            for index in order[start..<end] {
                try context.countStep(at: range)
                batch.append(try Datasets.sample(of: dataset, at: index, context, rule: rule, at: range))
            }
            result.append(try Collation.collate(batch, context, at: range))
            start = end
        }
        return result
    }
}

/// PyTorch's `default_collate`: a list of samples made into one batch.
enum Collation {
    static func collate(_ batch: [Value], _ context: EvaluationContext, at range: SourceRange) throws(RuntimeError) -> Value {
        guard let first = batch.first else { return .list(PythonList([])) }
        switch first {
        case .tensor, .variable:
            return try torchCall("stack", [.list(PythonList(batch))], context, at: range)
        case .object(let box) where box.object is NumPyArray:
            let tensors = batch.map { item in item.numpyArray.map { Value.tensor($0.tensor) } ?? item }
            return try collate(tensors, context, at: range)
        case .int, .bool:
            return try torchCall("tensor", [.list(PythonList(batch))], context, at: range)
        case .number:
            return try torchCall("tensor", [.list(PythonList(batch))], named: [("dtype", DTypeValues.value(.float64))], context, at: range)
        case .string:
            return .list(PythonList(batch))
        case .dict(let dict):
            let collated = PythonDict()
            for key in dict.keys {
                var field: [Value] = []
                for sample in batch {
                    guard case .dict(let entries) = sample, let value = entries[key] else {
                        throw RuntimeError("KeyError: \(PythonText.repr(key)) is missing from a sample of the batch", at: range,
                                           raising: .keyError)
                    }
                    field.append(value)
                }
                collated.store(try collate(field, context, at: range), for: key)
            }
            return .dict(collated)
        case .tuple, .list, .size:
            var rows: [[Value]] = []
            for sample in batch {
                let listed: [Value]? = if case .list(let list) = sample { list.items } else { nil }
                guard let items = sample.tupleItems ?? listed else {
                    throw RuntimeError("each element in list of batch should be of equal size", at: range)
                }
                rows.append(items)
            }
            guard rows.allSatisfy({ $0.count == rows[0].count }) else {
                throw RuntimeError("each element in list of batch should be of equal size", at: range)
            }
            var fields: [Value] = []
            for column in rows[0].indices {
                fields.append(try collate(rows.map { $0[column] }, context, at: range))
            }
            return .list(PythonList(fields))
        default:
            throw RuntimeError("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '\(PythonText.typeName(first))'>",
                               at: range, raising: .typeError)
        }
    }

    /// `torch.NAME(arguments…)` as the program would call it, so a batch is made exactly as
    /// `torch.stack` and `torch.tensor` make tensors.
    private static func torchCall(_ name: String, _ arguments: [Value], named: [(String, Value)] = [],
                                  _ context: EvaluationContext, at range: SourceRange) throws(RuntimeError) -> Value {
        guard let evaluator = context.evaluator, let function = BuiltinLibrary.member(name, of: Namespace(name: "torch")) else {
            throw RuntimeError("a DataLoader is walked by a running program", at: range)
        }
        let evaluated = arguments.map { Evaluator.EvaluatedArgument(value: $0, range: range) }
            + named.map { Evaluator.EvaluatedArgument(label: $0.0, labelRange: range, value: $0.1, range: range) }
        return try evaluator.apply(function, evaluated, range: range, calleeRange: range)
    }
}
