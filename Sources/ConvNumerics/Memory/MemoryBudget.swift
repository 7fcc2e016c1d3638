import CConvKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many bytes of memory a program may hold, checked before every large allocation.
///
/// The budget is measured, not booked: before a tensor (or a kernel's scratch buffer) of
/// ``minimumCheckedBytes`` or more is made, the heap the process has in use is read from the
/// allocator, so memory freed by rebinding or `del` counts again at once, and no allocation
/// path can forget to give bytes back. Smaller allocations are not checked: reading the
/// allocator's totals walks its free lists (microseconds), which would cost more than making a
/// small tensor, and no one small tensor decides whether memory runs out.
///
/// Below the budget the operating system may still refuse memory (an address-space limit lower
/// than the budget); ``reserve(_:)`` asks for the block first through the failable allocator, so
/// that refusal is an error too, never a trap in Swift's array initialisers.
public struct MemoryBudget: Sendable, Hashable {
    /// The most bytes the process's heap may hold, or `nil` for no budget (only the operating
    /// system's refusals are caught).
    public var limit: Int?

    /// A budget of `limit` bytes; `nil` for none.
    public init(limit: Int?) {
        self.limit = limit
    }

    /// No budget: allocations are only checked against what the operating system grants.
    public static let unlimited = MemoryBudget(limit: nil)

    /// Allocations smaller than this are not checked (1 MiB).
    public static let minimumCheckedBytes = 1 << 20

    /// Half of physical memory or 8 GiB, whichever is smaller: room for the program's tensors
    /// with the rest of the machine left alone.
    public static var defaultLimit: Int {
        let eightGiB = 8 << 30
        guard let physical = physicalMemory else { return eightGiB }
        return min(physical / 2, eightGiB)
    }

    /// The bytes the process's heap holds now, as the allocator counts them (0 where it cannot say).
    public static var heapBytesInUse: Int { HeapUsage.bytesInUse }

    /// Refuses an allocation of `bytes` that would take the heap past the budget, or that the
    /// operating system will not grant. Returns at once for small allocations.
    public func reserve(_ bytes: Int) throws(MemoryRefusal) {
        guard bytes >= Self.minimumCheckedBytes else { return }
        if let limit {
            let inUse = HeapUsage.bytesInUse
            let (total, overflow) = inUse.addingReportingOverflow(bytes)
            if overflow || total > limit { throw .overBudget(needed: bytes, inUse: inUse, limit: limit) }
        }
        guard Self.systemGrants(bytes) else { throw .systemRefused(needed: bytes) }
    }

    /// The bytes of `count` elements of `dtype`, or `Int.max` when that overflows.
    public static func bytes(of count: Int, _ dtype: DType) -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        return overflow ? .max : bytes
    }

    /// Whether the allocator can hand out `bytes` now: the block is taken and given back, so
    /// the array made right after it finds the room (the interpreter allocates from one thread).
    /// The C side keeps the optimiser from deleting the unused block, which it did here.
    private static func systemGrants(_ bytes: Int) -> Bool {
        conv_allocator_grants(bytes) != 0
    }

    private static var physicalMemory: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? nil : bytes
    }
}

/// Why memory was refused.
public enum MemoryRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// `needed` more bytes would take the heap (`inUse` bytes now) past the budget of `limit`.
    case overBudget(needed: Int, inUse: Int, limit: Int)
    /// The operating system would not grant `needed` bytes, though the budget allowed them.
    case systemRefused(needed: Int)

    /// e.g. "out of memory: this needs 800 MB more, and 7.6 GB of the 8 GB memory budget is in use".
    public var description: String {
        switch self {
        case .overBudget(let needed, let inUse, let limit):
            "out of memory: this needs \(ByteCount(needed)) more, and \(ByteCount(inUse)) of the \(ByteCount(limit)) memory budget is in use"
        case .systemRefused(let needed):
            "out of memory: the system refused \(ByteCount(needed)), though the memory budget had room for it"
        }
    }
}

/// A number of bytes as people read it: `800 MB`, `7.6 GB`, `512 B` (decimal units, one decimal
/// below ten).
public struct ByteCount: Sendable, CustomStringConvertible {
    /// The number of bytes.
    public let bytes: Int

    /// Wraps `bytes`.
    public init(_ bytes: Int) { self.bytes = bytes }

    /// `800 MB`, `7.6 GB`.
    public var description: String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
        // A value that rounds up to 1000 (999.7 MB) still reads in its unit; it is rare and exact enough.
        let whole = rounded.rounded() == rounded
        return (whole ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }
}

/// The bytes the process's heap holds now, as the allocator counts them (0 where it cannot say,
/// so the budget then only catches the operating system's refusals).
enum HeapUsage {
    static var bytesInUse: Int { max(Int(conv_heap_bytes_in_use()), 0) }
}
