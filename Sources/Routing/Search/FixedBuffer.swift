/// An immutable array in manually managed memory, owned by a `SearchModel` and freed with
/// it. Reading an element touches no reference count, which matters in the innermost loops.
@usableFromInline
struct FixedBuffer<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableBufferPointer<Element>

    init(_ elements: [Element]) {
        base = .allocate(capacity: max(elements.count, 1))
        _ = base.initialize(from: elements)
    }

    @inlinable subscript(index: Int) -> Element {
        @inline(__always) get { base[index] }
    }

    var count: Int { base.count }

    /// Changes an element; only for the owner, between search phases.
    func set(_ index: Int, _ value: Element) { base[index] = value }

    /// Frees the memory; the owner calls this once, in its `deinit`.
    func deallocate() {
        base.baseAddress?.deinitialize(count: base.count)
        base.deallocate()
    }
}
