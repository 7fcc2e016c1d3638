/// Values compare as a host expects: numbers (an int equals the float of the same value), strings, bools, none, tensors and tuples by what
/// they hold (a NaN equals nothing, as in IEEE arithmetic); functions by identity (`conv` equals
/// `conv1d`, two `fn` definitions differ); layers by identity, as PyTorch's modules (two names
/// for one layer are equal, two layers made alike are not); modules by name.
extension Value: Equatable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.range(let a), .range(let b)): a == b
        // As in Python, `3 == 3.0`: a host comparing with `.number(3)` need not know which it got.
        case (.int(let a), .number(let b)), (.number(let b), .int(let a)): IntegerArithmetic.equal(.small(a), b)
        case (.bigInt(let a), .bigInt(let b)): a.value == b.value
        case (.bigInt(let a), .number(let b)), (.number(let b), .bigInt(let a)): IntegerArithmetic.equal(.big(a.value), b)
        case (.tensor(let a), .tensor(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.none, .none): true
        case (.tuple(let a), .tuple(let b)): a == b
        case (.size(let a), .size(let b)): a == b
        case (.returnTuple(let a), .returnTuple(let b)): a.name == b.name && a.items == b.items
        case (.list(let a), .list(let b)): a.items == b.items
        case (.dict(let a), .dict(let b)): ValueEquality.equal(.dict(a), .dict(b))
        case (.function(let a), .function(let b)): a === b
        case (.layer(let a), .layer(let b)): a == b
        case (.variable(let a), .variable(let b)): a === b
        case (.object(let a), .object(let b)): a.object === b.object
        case (.namespace(let a), .namespace(let b)): a.name == b.name
        case (.pythonClass(let a), .pythonClass(let b)): a === b
        case (.instance(let a), .instance(let b)): a === b
        default: false
        }
    }
}
