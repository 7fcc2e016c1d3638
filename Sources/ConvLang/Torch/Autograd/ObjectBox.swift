/// An object of PyTorch's library other than tensors and layers: an optimizer, a scheduler, a
/// grad-mode context. Its members are values (bound builtins for methods).
protocol TorchObject: AnyObject {
    /// PyTorch's class name: `SGD`, `StepLR`, `no_grad`.
    var typeName: String { get }
    /// How it shows (PyTorch's repr where it is short, else `<torch.optim.SGD object>`).
    var description: String { get }
    /// The member `name`, nil when it has none.
    func member(_ name: String) throws(RuntimeError) -> Value?
    /// The names `.` reads, for messages.
    var memberNames: [String] { get }
    /// Its `str()`, which `print` shows; its ``description`` (the repr) unless it says otherwise.
    var str: String { get }
    /// Python's `==` with another object: the same object, unless it says otherwise.
    func isEqual(to other: any TorchObject) -> Bool
}

extension TorchObject {
    var str: String { description }
    func isEqual(to other: any TorchObject) -> Bool { self === other }
}

/// A reference to a ``TorchObject``, as a value (``Value/object(_:)``).
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
public final class ObjectBox: @unchecked Sendable, CustomStringConvertible {
    let object: any TorchObject

    init(_ object: any TorchObject) { self.object = object }

    public var description: String { object.description }
}
