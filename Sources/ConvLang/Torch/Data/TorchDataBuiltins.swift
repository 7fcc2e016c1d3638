import ConvNumerics

/// `torch.utils.data`: `TensorDataset`, `DataLoader`, `random_split`, `Subset`, and the
/// `Dataset` base class a program's own datasets derive from (``PythonClasses/dataset``).
enum TorchDataBuiltins {
    static let all: [Builtin] = [tensorDataset, dataLoader, randomSplit, subset]

    static let tensorDataset = Builtin(
        name: "TensorDataset", aliases: ["torch.utils.data.TensorDataset"], parameters: [.variadic("tensors")],
        summary: "samples that are rows of tensors of one length: ds[i] is (x[i], y[i])",
        details: """
        TensorDataset(*tensors)

          ds = TensorDataset(X, y)
          ds[0]          # (X[0], y[0])
          len(ds)        # X.shape[0]
        """,
        body: { call throws(RuntimeError) in
            var tensors: [Tensor] = []
            for (value, range) in call.rest {
                let tensor = try Coercion.tensor(value, what: "each of TensorDataset's tensors", at: range)
                guard tensor.rank > 0 else {
                    throw RuntimeError("a TensorDataset's tensors need a first dimension to index, not a 0-d tensor", at: range,
                                       raising: .indexError)
                }
                guard tensors.isEmpty || tensor.shape[0] == tensors[0].shape[0] else {
                    throw RuntimeError("Size mismatch between tensors", at: range, raising: .assertionError)
                }
                tensors.append(tensor)
            }
            return .object(ObjectBox(TensorDataset(tensors)))
        })

    static let dataLoader = Builtin(
        name: "DataLoader", aliases: ["torch.utils.data.DataLoader"],
        parameters: [.required("dataset"), .optional("batch_size", default: .int(1)), .optional("shuffle", default: .bool(false)),
                     .optional("sampler", default: .none), .optional("batch_sampler", default: .none),
                     .optional("num_workers", default: .int(0)), .optional("collate_fn", default: .none),
                     .optional("pin_memory", default: .bool(false)), .optional("drop_last", default: .bool(false)),
                     .optional("generator", default: .none, namedOnly: true)],
        summary: "the dataset's samples in batches, shuffled as PyTorch shuffles them",
        details: """
        DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False)

          loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
          for xb, yb in loader:
              ...

        Each batch stacks the samples' tensors (numbers become tensors), as PyTorch's
        default_collate does; with shuffle=True a seeded program sees PyTorch's order. conv
        loads in the running program: num_workers and pin_memory change nothing; samplers,
        collate_fn and generator= are not supported.
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            for name in ["sampler", "batch_sampler", "collate_fn", "generator"] where !call.value(name).isNone {
                throw call.error("DataLoader's \(name)= is not supported in conv", at: name,
                                 notes: ["batch_size=, shuffle= and drop_last= are; conv's batches are PyTorch's default_collate"])
            }
            let dataset = call.value("dataset")
            _ = try Datasets.count(of: dataset, call.context, at: call.range(of: "dataset"))
            let batchSize: Int?
            if call.value("batch_size").isNone {
                batchSize = nil
            } else {
                let size = try call.index("batch_size")
                guard size > 0 else {
                    throw call.error("batch_size should be a positive integer value, but got batch_size=\(size)", at: "batch_size",
                                     raising: .valueError)
                }
                batchSize = size
            }
            _ = try call.index("num_workers")
            return .object(ObjectBox(DataLoader(dataset: dataset, batchSize: batchSize, shuffle: try truth(call, "shuffle"),
                                                dropLast: try truth(call, "drop_last"))))
        })

    static let randomSplit = Builtin(
        name: "random_split", aliases: ["torch.utils.data.random_split"],
        parameters: [.required("dataset"), .required("lengths"), .optional("generator", default: .none)],
        summary: "the dataset split at random into Subsets of the given lengths (or fractions)",
        details: """
        random_split(dataset, lengths)

          train, test = random_split(ds, [80, 20])
          train, test = random_split(ds, [0.8, 0.2])

        The split is PyTorch's: one randperm from the global generator.
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            guard call.value("generator").isNone else {
                throw call.error("random_split's generator= is not supported in conv", at: "generator",
                                 notes: ["seed the global generator with torch.manual_seed instead"])
            }
            let dataset = call.value("dataset")
            let count = try Datasets.count(of: dataset, call.context, at: call.range(of: "dataset"))
            let lengths = try splitLengths(try call.items("lengths"), total: count, call)
            let permutation: Tensor
            do throws(RandomError) { permutation = try call.context.generator.randperm(count) } catch { throw RandomArguments.refusal(error, call) }
            let order = (permutation.int64Scalars ?? []).map { Int($0) }
            var parts: [Value] = []
            var start = 0
            for length in lengths {
                parts.append(.object(ObjectBox(Subset(dataset, indices: Array(order[start..<(start + length)])))))
                start += length
            }
            return .list(PythonList(parts))
        })

    static let subset = Builtin(
        name: "Subset", aliases: ["torch.utils.data.Subset"], parameters: [.required("dataset"), .required("indices")],
        summary: "the samples of a dataset at the given indices",
        details: "Subset(dataset, indices)\n\n  first_ten = Subset(ds, range(10))",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let dataset = call.value("dataset")
            let count = try Datasets.count(of: dataset, call.context, at: call.range(of: "dataset"))
            var indices: [Int] = []
            for item in try call.items("indices") {
                indices.append(try Evaluator.position(item, extent: count, of: .tensorAxis(0), at: call.range(of: "indices")))
            }
            return .object(ObjectBox(Subset(dataset, indices: indices)))
        })

    /// Python's truth of a flag such as `shuffle=`.
    private static func truth(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Bool {
        try Operators.truth(call.value(name), at: call.range(of: name))
    }

    /// The lengths of a split: whole numbers adding up to the dataset's length, or fractions
    /// adding up to 1, made whole as PyTorch makes them (each floored, the rest handed out one
    /// by one from the first).
    private static func splitLengths(_ items: [Value], total: Int, _ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        let range = call.range(of: "lengths")
        let numbers = try items.map { item throws(RuntimeError) in try Coercion.number(item, what: "a length", at: range) }
        let fractions = !numbers.isEmpty && abs(numbers.reduce(0, +) - 1) < 1e-9 && numbers.reduce(0, +) != Double(total)
        if fractions {
            guard numbers.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                throw RuntimeError("Fraction at index 0 is not between 0 and 1", at: range, raising: .valueError)
            }
            var lengths = numbers.map { Int(($0 * Double(total)).rounded(.down)) }
            let remainder = total - lengths.reduce(0, +)
            for index in 0..<remainder { lengths[index % lengths.count] += 1 }
            return lengths
        }
        var lengths: [Int] = []
        for item in items { lengths.append(try Coercion.index(item, what: "a length", at: range)) }
        guard lengths.reduce(0, +) == total, lengths.allSatisfy({ $0 >= 0 }) else {
            throw RuntimeError("Sum of input lengths does not equal the length of the input dataset!", at: range, raising: .valueError)
        }
        return lengths
    }
}
