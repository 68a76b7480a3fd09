/// The arena's text: a growable run of bytes appended in small pieces (one libxml2 callback each,
/// often a single character). Array's generic append costs more than the copy for such pieces; this
/// is a pointer, a count and a capacity.
final class TextBytes {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64 * 1024) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (storage + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: UnsafeRawBufferPointer(bytes))
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Drops everything from `newCount` on.
    func truncate(to newCount: Int) {
        precondition(newCount <= count)
        count = newCount
    }

    subscript(index: Int) -> UInt8 {
        precondition(index < count)
        return storage[index]
    }

    /// The bytes in `range`: valid until the next append.
    subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        precondition(range.upperBound <= count)
        return UnsafeBufferPointer(start: storage + range.lowerBound, count: range.count)
    }
}
