import ConvNumerics

/// Every member of a tensor, in one registry: `x.shape`, `x.view(2, 3)`, `x.sum(dim=1)`,
/// `x.fill_(0)`, ... The evaluator asks ``member(_:of:)`` for any name after a tensor.
///
/// Each family has its own file (shape, reductions, elementwise, joining and products, in
/// place). A method PyTorch also has as a function is that function's builtin with the tensor
/// as its first argument (``Builtin/asTensorMethod``): `x.sum(1)` is `sum(x, 1)`, with one
/// implementation and one set of errors. Every method reads its tensor through
/// ``BuiltinCall/receivingTensor``.
enum TensorMethods {
    /// The torch functions the families add: top-level names and `torch.NAME` alike.
    /// The numeric ones give their result in PyTorch's dtype, as the methods do
    /// (``MethodResultDTypes``): `torch.neg(x)` of a float32 `x` is float32, as `x.neg()` is.
    static let functions: [Builtin] = methodFunctions.map(resultDTyped) + JoiningFunctions.functionsOnly + ShapeMethods.functionsOnly
        + [NormFunctions.vectorNorm, NormFunctions.linalgNorm] + StackingFunctions.functionsOnly + [NewTensorMethods.emptyLike]
        + TypeInfoFunctions.all + IndexingMethods.functionsOnly
        + AccumulatedProducts.functionsOnly + CountingFunctions.functionsOnly + CrossProduct.functionsOnly

    /// The names whose result takes PyTorch's dtype for the input's.
    private static let numericNames = Set(ReductionMethods.numericNames + ElementwiseMethods.numericNames)

    /// `builtin` with PyTorch's result dtype when it computes numbers from the elements.
    private static func resultDTyped(_ builtin: Builtin) -> Builtin {
        numericNames.contains(builtin.name) ? MethodResultDTypes.wrapping(builtin) : builtin
    }

    /// The torch functions that are methods too.
    private static let methodFunctions: [Builtin] = Array([
        ShapeMethods.functions, ReductionMethods.functions, ElementwiseMethods.functions, ProductFunctions.functions,
        SortingMethods.functions, SplittingMethods.functions, ArithmeticFunctions.functions, [NormFunctions.norm],
        [LogSumExpFunction.logsumexp, GeneratorBuiltins.multinomial],
        ComparisonFunctions.functions, SelectionFunctions.functions, IndexingMethods.functions, ScanMethods.functions,
        PairwiseFunctions.functions, AccumulatedProducts.functions, RotationFunctions.functions, CountingFunctions.functions, CrossProduct.functions,
    ].joined())

    /// The methods by name.
    static let methods: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        let own = methodFunctions + ShapeMethods.methodsOnly + ReductionMethods.methodsOnly + ElementwiseMethods.methodsOnly
            + InPlaceMethods.methodsOnly + [UnfoldMethod.unfold] + NewTensorMethods.methodsOnly + ComparisonFunctions.methodsOnly
            + IndexingMethods.methodsOnly
            + MemoryLayoutMethods.methodsOnly
        for function in own { table[function.name] = function.asTensorMethod }
        for name in ElementwiseMethods.builtinMethods + InPlaceMethods.builtinMethods {
            if let builtin = BuiltinLibrary.byName[name] { table[name] = builtin.asTensorMethod }
        }
        // Results in the dtype PyTorch gives them (float32 stays float32, an int64 sum int64).
        for name in numericNames {
            if let method = table[name] { table[name] = MethodResultDTypes.wrapping(method) }
        }
        return table
    }()

    /// Members that are values rather than methods.
    static let properties: [String: @Sendable (Tensor) -> Value] = [
        "shape": { .size($0.shape) },
        "ndim": { .int($0.rank) },
        "T": { .tensor(ShapeMethods.reversed($0)) },
        "data": { .tensor($0) },
        "dtype": { DTypeValues.value($0.dtype) },
        "device": { _ in .object(ObjectBox(DeviceObject.cpu)) },
        "is_cuda": { _ in .bool(false) },
        "is_cpu": { _ in .bool(true) },
    ]

    /// Every member name, for suggestions and completion.
    static let names: [String] = (Array(properties.keys) + Array(methods.keys)).sorted()

    /// `tensor.name`: a property's value or the method bound to the tensor; nil for a name
    /// tensors do not have.
    static func member(_ name: String, of tensor: Tensor) -> Value? {
        if let property = properties[name] { return property(tensor) }
        guard let method = methods[name] else { return nil }
        return .function(Function(.boundBuiltin(receiver: .tensor(tensor), method)))
    }
}

extension TensorMethods {
    /// `help("methods")`: every member with its summary, then the torch functions beside them.
    static var helpPage: String {
        let width = (names.map(\.count).max() ?? 0) + 4
        let propertyLines = properties.keys.sorted().map { "  x.\($0)" }
        let methodLines = methods.keys.sorted().map { name in
            let left = "  x.\(name)()"
            return left + String(repeating: " ", count: Swift.max(1, width + 2 - left.count)) + (methods[name]?.summary ?? "")
        }
        let torchNames = functions.flatMap(\.aliases).map(BuiltinLibrary.shortestSpelling(of:)).sorted()
        return """
        methods: what a tensor has, as PyTorch's tensors have it; each method is the torch function
        of the same name with the tensor first (x.sum(1) is torch.sum(x, 1)).

        Members:
        \(propertyLines.joined(separator: "\n"))
        Methods (in-place ones end in _ and change the name they are called on):
        \(methodLines.joined(separator: "\n"))

        Functions: \(torchNames.joined(separator: ", ")).
        """
    }
}
