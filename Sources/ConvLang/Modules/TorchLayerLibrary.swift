/// The constructors of the layers computed by the autograd engine, in PyTorch's documentation
/// order, and `OrderedDict` (which `nn.Sequential` takes): one entry in ``BuiltinLibrary``.
enum TorchLayerLibrary {
    static let constructors: [Builtin] = [
        Linear.constructor, BatchNorm1d.constructor, LayerNorm.constructor, GroupNorm.constructor, InstanceNorm1d.constructor, Dropout.constructor,
        Flatten.constructor, Unflatten.constructor, AdaptiveAvgPool1d.constructor, AdaptiveMaxPool1d.constructor,
        MaxUnpool1d.constructor, Upsample.constructor, Embedding.constructor, RNN.constructor, LSTM.constructor, GRU.constructor,
        RNNCell.constructor, LSTMCell.constructor, GRUCell.constructor, ModuleList.constructor, StateDict.orderedDict,
    ]
}
