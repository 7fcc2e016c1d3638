import ConvNumerics

extension Functional {
    /// `F.group_norm(x, num_groups, weight, bias, eps)` on `(N, C, *)`: each sample's channels
    /// split into `groups` groups, each normalised by its own mean and biased variance, then
    /// scaled and shifted per channel (`NativeGroupNormBackward0`).
    public static func groupNorm(
        _ x: Variable, groups: Int, weight: Variable?, bias: Variable?, eps: Double
    ) throws(AutogradError) -> Variable {
        let shape = x.shape
        guard shape.count >= 2 else {
            throw .invalidArgument("Expected at least 2 dimensions for input tensor but received \(shape.count)")
        }
        let channels = shape[1]
        guard groups > 0, channels % groups == 0 else {
            throw .invalidArgument("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                + "\(Tensor.list(shape)) and num_groups=\(groups)")
        }
        for (name, tensor) in [("weight", weight?.data), ("bias", bias?.data)] {
            if let tensor, tensor.rank != 1 || tensor.count != channels {
                throw .invalidArgument("Expected \(name) to be a vector of size equal to the number of channels in input, but got "
                    + "\(name) of shape \(Tensor.list(tensor.shape)) and input of shape \(Tensor.list(shape))")
            }
        }
        let length = shape.dropFirst(2).reduce(1, *)
        let size = channels / groups * length
        let grouping = NormalizationGroups(
            count: shape[0] * groups, size: size, elements: x.data.count,
            group: { size == 0 ? 0 : $0 / size }, affine: { ($0 / Swift.max(length, 1)) % Swift.max(channels, 1) },
            layout: .rows(size: size))
        return try normalize(x, weight: weight, bias: bias, groups: grouping, fixed: nil, eps: eps, name: "NativeGroupNormBackward0").output
    }
}
