/// Values compare as a host expects: numbers, strings, bools, none, tensors and tuples by what
/// they hold (a NaN equals nothing, as in IEEE arithmetic); functions by identity (`conv` equals
/// `conv1d`, two `fn` definitions differ); modules by name.
///
/// Layers are values today, with no identity to compare, so two layers are equal when their
/// type, settings and weights are (compared through their full-precision JSON form).
extension Value: Equatable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a == b
        case (.tensor(let a), .tensor(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.none, .none): true
        case (.tuple(let a), .tuple(let b)): a == b
        case (.function(let a), .function(let b)): a === b
        case (.layer(let a), .layer(let b)): JSONEncoding.encode(a) == JSONEncoding.encode(b)
        case (.namespace(let a), .namespace(let b)): a.name == b.name
        default: false
        }
    }
}
