/// `std::nth_element`, `std::partial_sort` and `std::sort` as the GNU C++ library runs them
/// (introselect and introsort: median-of-three partitions, a heap past the depth limit,
/// insertion sort for the last few), step for step, so that `torch.topk` leaves equal elements,
/// and with `sorted=False` all of them, in the order PyTorch's CPU kernel does: that order is
/// whatever these algorithms leave, and PyTorch documents none.
struct IntroSelect<Element> {
    /// Whether the first element goes before the second.
    let precedes: (Element, Element) -> Bool

    /// Rearranges `items` so that position `nth` holds what a sort would put there, everything
    /// before it precedes-or-equals it and everything after it does not precede it.
    func select(_ items: inout [Element], nth: Int) {
        guard !items.isEmpty, nth >= 0, nth < items.count else { return }
        var first = 0, last = items.count
        var depthLimit = 2 * (Int.bitWidth - 1 - items.count.leadingZeroBitCount)  // 2 · ⌊log2 n⌋
        while last - first > 3 {
            if depthLimit == 0 {
                heapSelect(&items, first, nth + 1, last)
                items.swapAt(first, nth)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(&items, first, last)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(&items, first, last)
    }

    /// `std::partial_sort(begin, begin + middle, end)`: the first `middle` positions hold the
    /// smallest elements (by `precedes`) in order.
    func partialSort(_ items: inout [Element], middle: Int) {
        guard middle > 0, middle <= items.count else { return }
        heapSelect(&items, 0, middle, items.count)
        var last = middle
        while last > 1 {
            last -= 1
            let value = items[last]
            items[last] = items[0]
            adjustHeap(&items, 0, 0, last, value)
        }
    }

    /// `std::sort` of positions `first..<last`.
    func sort(_ items: inout [Element], _ first: Int, _ last: Int) {
        guard last - first > 1 else { return }
        introsortLoop(&items, first, last, depthLimit: 2 * (Int.bitWidth - 1 - (last - first).leadingZeroBitCount))
        insertionSort(&items, first, last)  // `__final_insertion_sort` leaves what this does
    }

    private func introsortLoop(_ items: inout [Element], _ first: Int, _ last: Int, depthLimit: Int) {
        var last = last, depthLimit = depthLimit
        while last - first > 16 {
            if depthLimit == 0 {
                // `std::partial_sort(first, last, last)`: a heap sort of the range.
                var range = Array(items[first..<last])
                partialSort(&range, middle: range.count)
                items.replaceSubrange(first..<last, with: range)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(&items, first, last)
            introsortLoop(&items, cut, last, depthLimit: depthLimit)
            last = cut
        }
    }

    /// `__unguarded_partition_pivot`: the median of the second, middle and last elements moved
    /// to `first`, then the rest partitioned around it.
    private func partitionAroundPivot(_ items: inout [Element], _ first: Int, _ last: Int) -> Int {
        let middle = first + (last - first) / 2
        moveMedianToFirst(&items, first, first + 1, middle, last - 1)
        var low = first + 1, high = last
        while true {
            while precedes(items[low], items[first]) { low += 1 }
            high -= 1
            while precedes(items[first], items[high]) { high -= 1 }
            if !(low < high) { return low }
            items.swapAt(low, high)
            low += 1
        }
    }

    private func moveMedianToFirst(_ items: inout [Element], _ result: Int, _ a: Int, _ b: Int, _ c: Int) {
        let median: Int
        if precedes(items[a], items[b]) {
            median = precedes(items[b], items[c]) ? b : precedes(items[a], items[c]) ? c : a
        } else {
            median = precedes(items[a], items[c]) ? a : precedes(items[b], items[c]) ? c : b
        }
        items.swapAt(result, median)
    }

    private func insertionSort(_ items: inout [Element], _ first: Int, _ last: Int) {
        guard last - first > 1 else { return }
        for i in (first + 1)..<last {
            let value = items[i]
            if precedes(value, items[first]) {
                for j in stride(from: i, to: first, by: -1) { items[j] = items[j - 1] }
                items[first] = value
            } else {
                var hole = i
                while precedes(value, items[hole - 1]) {
                    items[hole] = items[hole - 1]
                    hole -= 1
                }
                items[hole] = value
            }
        }
    }

    // MARK: - Heap select (`__heap_select`, `__make_heap`, `__pop_heap`, `__adjust_heap`)

    private func heapSelect(_ items: inout [Element], _ first: Int, _ middle: Int, _ last: Int) {
        makeHeap(&items, first, middle)
        for i in middle..<last where precedes(items[i], items[first]) {
            let value = items[i]
            items[i] = items[first]
            adjustHeap(&items, first, 0, middle - first, value)
        }
    }

    private func makeHeap(_ items: inout [Element], _ first: Int, _ last: Int) {
        let length = last - first
        guard length >= 2 else { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(&items, first, parent, length, items[first + parent])
            if parent == 0 { return }
            parent -= 1
        }
    }

    private func adjustHeap(_ items: inout [Element], _ first: Int, _ start: Int, _ length: Int, _ value: Element) {
        var hole = start
        var child = start
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if precedes(items[first + child], items[first + child - 1]) { child -= 1 }
            items[first + hole] = items[first + child]
            hole = child
        }
        if length % 2 == 0, child == (length - 2) / 2 {
            child = 2 * (child + 1)
            items[first + hole] = items[first + child - 1]
            hole = child - 1
        }
        // `__push_heap` of the value from the hole back up towards `start`.
        var parent = (hole - 1) / 2
        while hole > start, precedes(items[first + parent], value) {
            items[first + hole] = items[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        items[first + hole] = value
    }
}
