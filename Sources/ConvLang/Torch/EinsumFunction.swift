import ConvAutograd
import ConvNumerics

/// `torch.einsum(equation, *operands)`: Einstein summation, as attention and textbook code
/// write products (`"ij,jk->ik"`, `"bhqd,bhkd->bhqk"`, `"ii->i"`, `"i,i->"`).
///
/// Each operand is brought to one shared order of every subscript — the output's first, then
/// the summed ones — taking its diagonal where a subscript repeats in it and with size-1
/// dimensions where it lacks one; the operands are multiplied (broadcasting) and the summed
/// subscripts added up. Every step is an operation of the autograd engine, so gradients flow
/// as PyTorch's do. Without `->`, the output is the subscripts used once, in alphabetical order.
/// Ellipses (`...`) are refused with a located error.
enum EinsumFunction {
    static let einsum: Builtin = {
        var builtin = Builtin(
            name: "einsum", aliases: ["torch.einsum"], parameters: [.required("equation"), .variadic("operands")],
            summary: "Einstein summation over the operands' subscripts, as PyTorch's torch.einsum",
            details: """
            torch.einsum(equation, *operands)

            Multiplies the operands along the subscripts of the equation and sums those that are
            not in the output: "ij,jk->ik" is a matrix product, "i,i->" a dot product, "ij->ji" a
            transpose, "ii->i" a diagonal, "bij,bjk->bik" a batch of products.
              torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(3, 4))
            """,
            body: { call throws(RuntimeError) in try evaluate(call) })
        builtin.takesPythonValues = true
        return builtin
    }()

    private static func refusal(_ message: String, _ call: BuiltinCall, at name: String = "equation") -> RuntimeError {
        call.error("einsum(): " + message, at: name)
    }

    private static func evaluate(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        let equation = try call.string("equation").filter { $0 != " " }
        var given = call.rest.map(\.value)
        // `torch.einsum("ij,jk", [a, b])`: the operands as one list.
        if given.count == 1 {
            switch given[0] {
            case .list(let list): given = list.items
            case .tuple(let items): given = items
            default: break
            }
        }
        let operands = try given.enumerated().map { index, value throws(RuntimeError) -> Variable in
            switch value {
            case .variable(let box): return box.variable
            case .tensor(let tensor): return Variable(constant: tensor)
            default:
                throw call.error("einsum(): operand \(index) must be a tensor, not \(value.typeName)", at: "operands", raising: .typeError)
            }
        }
        if equation.contains(".") { throw refusal("conv does not take ellipses (...) in the equation yet; write every subscript", call) }
        let sides = equation.components(separatedBy: "->")
        guard sides.count <= 2 else { throw refusal("invalid equation: more than one '->'", call) }
        let terms = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
        if let bad = Array(equation).enumerated().first(where: { !($0.element.isASCII && ($0.element.isLetter || ",->".contains($0.element))) }) {
            throw refusal("invalid subscript given at index \(bad.offset) in the equation string, subscripts must be in [a-zA-Z]", call)
        }
        guard terms.count <= operands.count else { throw refusal("fewer operands were provided than specified in the equation", call) }
        guard terms.count >= operands.count else { throw refusal("more operands were provided than specified in the equation", call) }

        // Each subscript's size, checked across the operands (a size of 1 broadcasts).
        var sizes: [Character: Int] = [:]
        for (index, (term, operand)) in zip(terms, operands).enumerated() {
            guard term.count == operand.shape.count else {
                throw refusal("the number of subscripts in the equation (\(term.count)) does not match the number of dimensions "
                              + "(\(operand.shape.count)) for operand \(index) and no ellipsis was given", call)
            }
            var own: [Character: Int] = [:]
            for (letter, extent) in zip(term, operand.shape) {
                if let repeated = own[letter], repeated != extent {
                    throw refusal("subscript \(letter) is repeated for operand \(index) but the sizes don't match, "
                                  + "\(extent) != \(repeated)", call)
                }
                own[letter] = extent
                if let seen = sizes[letter], seen != extent, seen != 1, extent != 1 {
                    throw refusal("subscript \(letter) has size \(extent) for operand \(index) which does not broadcast with "
                                  + "previously seen size \(seen)", call)
                }
                // A size of 1 gives way to any other.
                if sizes[letter] == nil || sizes[letter] == 1 { sizes[letter] = extent }
            }
        }
        let output: [Character]
        if sides.count == 2 {
            output = Array(sides[1])
            for (position, letter) in output.enumerated() {
                guard sizes[letter] != nil else {
                    throw refusal("output subscript \(letter) does not appear in the equation for any input operand", call)
                }
                if output[..<position].contains(letter) { throw refusal("output subscript \(letter) appears more than once in the output", call) }
            }
        } else {
            let counts = terms.flatMap { $0 }.reduce(into: [Character: Int]()) { $0[$1, default: 0] += 1 }
            output = counts.filter { $0.value == 1 }.map(\.key).sorted()
        }
        let summed = terms.flatMap { $0 }.reduce(into: [Character]()) { if !output.contains($1) && !$0.contains($1) { $0.append($1) } }
        let order = output + summed
        let fullShape = order.map { sizes[$0] ?? 1 }
        try call.context.checkElementCount(of: fullShape, at: call.range)

        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            var product: Variable?
            for (term, operand) in zip(terms, operands) {
                let aligned = try align(operand, term: term, order: order)
                if let sofar = product { product = try sofar.mul(aligned) } else { product = aligned }
            }
            guard var result = product else { throw .invalidArgument("einsum(): must provide at least one operand") }
            // A product of several operands, or a sum, ends as PyTorch's does, in a view of the
            // result; a lone operand rearranged, in a permute.
            if !summed.isEmpty { result = try result.sum(dims: Array(output.count..<order.count)) }
            let outShape = output.map { sizes[$0] ?? 1 }
            if result.shape != outShape { result = try result.expand(outShape) }
            return operands.count > 1 || !summed.isEmpty ? try result.view(outShape) : try result.permute(Array(0..<outShape.count))
        }
    }

    /// `operand` (subscripts `term`) with one dimension per subscript of `order`, in that order:
    /// its diagonal where a subscript repeats, size 1 where it has none.
    private static func align(_ operand: Variable, term: [Character], order: [Character]) throws(AutogradError) -> Variable {
        var value = operand
        var letters = term
        let unique = term.reduce(into: [Character]()) { if !$0.contains($1) { $0.append($1) } }
        if unique.count < term.count {
            value = try diagonal(operand, term: term, unique: unique)
            letters = unique
        }
        // Present subscripts in the order's order, then a size-1 dimension for each missing one.
        let present = order.filter { letters.contains($0) }
        let permutation = present.compactMap { letters.firstIndex(of: $0) }
        if permutation != Array(0..<permutation.count) { value = try value.permute(permutation) }
        let shape = order.map { letter in present.contains(letter) ? value.shape[present.firstIndex(of: letter) ?? 0] : 1 }
        return shape == value.shape ? value : try value.view(shape)
    }

    /// The elements of `operand` whose indices agree wherever its subscripts repeat (`"ii"`'s
    /// diagonal), one dimension per distinct subscript.
    private static func diagonal(_ operand: Variable, term: [Character], unique: [Character]) throws(AutogradError) -> Variable {
        let shape = operand.shape
        let strides = Tensor.strides(of: shape)
        let uniqueShape = unique.map { letter in term.indices.filter { term[$0] == letter }.map { shape[$0] }.min() ?? 0 }
        // Each distinct subscript's stride in the operand: the sum over the axes it names.
        let letterStrides = unique.map { letter in term.indices.filter { term[$0] == letter }.reduce(0) { $0 + strides[$1] } }
        let count = uniqueShape.reduce(1, *)
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        var index = [Int](repeating: 0, count: unique.count)
        for _ in 0..<count {
            offsets.append(zip(index, letterStrides).reduce(0) { $0 + $1.0 * $1.1 })
            Tensor.advance(&index, rowMajorIn: uniqueShape)
        }
        return try operand.elements(at: offsets, shape: uniqueShape, name: "DiagonalBackward0")
    }
}
