import TidingsCore

extension XMLArena {
    /// Changes whenever what the format readers make of a record could change: bump it with any
    /// change to how an entry is read, so that entries remembered by an older version are read again.
    static let markupHashVersion: UInt64 = 1

    /// A hash of everything an entry is read from: the elements added since `mark` (names,
    /// attributes, nesting, text, in order) and the base URI and language they inherit from outside.
    /// Two records with the same hash and the same `context` (what the reader takes from outside the
    /// record, such as an Atom feed's authors) read into the same entry, so a poll that has seen the
    /// hash can skip reading the record.
    func markupHash(since mark: Mark, context: UInt64) -> UInt64 {
        // Taken out of the arena while in use, so that appending never copies it.
        var words: [UInt64] = []
        swap(&words, &markupWords)
        words.removeAll(keepingCapacity: true)
        defer { swap(&words, &markupWords) }
        /// An index into an array as an offset from the record's start there; `max` for none.
        func local(_ index: Int, from start: Int) -> UInt64 { index < start ? .max : UInt64(index - start) }
        func stringHash(_ index: Int) -> UInt64 { index >= 0 ? ChangeHash.value(of: strings[index]) : 0 }

        let record = elements[mark.elements]
        words.append(Self.markupHashVersion)
        words.append(context)
        words.append(record.base < mark.strings ? stringHash(record.base) : 0)
        words.append(record.language < mark.strings ? stringHash(record.language) : 0)
        for element in elements[mark.elements...] {
            words.append(nameHashes[element.namespace])
            words.append(nameHashes[element.name])
            words.append(UInt64(element.attributes.count))
            for attribute in attributes[element.attributes] {
                words.append(nameHashes[attribute.namespace])
                words.append(nameHashes[attribute.name])
                words.append(UInt64(attribute.value.lowerBound - mark.bytes))
                words.append(UInt64(attribute.value.count))
            }
            words.append(local(element.firstItem, from: mark.items))
            // Inherited from outside the record: the record's own, hashed above.
            words.append(local(element.base, from: mark.strings))
            words.append(local(element.language, from: mark.strings))
        }
        for item in items[mark.items...] {
            words.append(local(item.element, from: mark.elements))
            words.append(item.element >= 0 ? 0 : UInt64(item.text.lowerBound - mark.bytes))
            words.append(UInt64(item.text.count))
            words.append(local(item.next, from: mark.items))
        }
        for index in mark.strings..<strings.count { words.append(stringHash(index)) }
        words.append(ChangeHash.value(of: UnsafeRawBufferPointer(bytes[mark.bytes..<bytes.count])))
        return words.withUnsafeBytes { ChangeHash.value(of: $0) }
    }
}
