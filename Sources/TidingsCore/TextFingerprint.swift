/// What near-duplicate detection needs of an article's clean text: its word shingles, a MinHash
/// signature cut into LSH bands, and keys for the leads of its first paragraphs.
///
/// Real copies of one story differ more than a small Hamming distance allows: a summary-only copy is
/// the first paragraph of the whole, an update note is added on top, the last paragraphs are dropped,
/// quotes are re-punctuated. So candidates come from two indexes (LSH bands catch copies with most
/// words in common; paragraph leads catch a copy that is a part of the other), and every candidate
/// is then verified on the shingles themselves (`isNearDuplicate`), which is what keeps precision.
public struct TextFingerprint: Sendable, Hashable {
    /// Word 4-gram hashes of the normalized text.
    public let shingles: Set<UInt64>
    public let wordCount: Int
    /// One key per LSH band and one per paragraph lead: what the store indexes and looks up.
    public let keys: [Int64]

    /// Words in a shingle.
    public static let shingleWords = 4
    /// MinHash bands and rows per band: 8 × 3 = 24 hash functions. A pair with Jaccard 0.5 shares a
    /// band with probability 0.66, at 0.7 with 0.96: nearly the curve of 16 × 4 (0.64, 0.98) with
    /// half the keys to store and look up and 24 hash functions instead of 64. Pairs at Jaccard 0.2
    /// become candidates more often (6% instead of 2.5%); verification sends them away.
    public static let bands = 8
    public static let rowsPerBand = 3
    /// Paragraphs whose lead is indexed (an update note, a headline and a standfirst can come before
    /// the lead a teaser copies), and the words of a lead.
    public static let leadParagraphs = 5
    public static let leadWords = 12
    /// Texts shorter than this take no part: too short to judge.
    public static let minimumWords = 30

    /// The fingerprint of `text`, or nil when it is too short to judge.
    public init?(text: String) {
        var words: [UInt64] = []
        var paragraphStarts: [Int] = []
        Self.wordHashes(text, into: &words, paragraphStarts: &paragraphStarts)
        guard words.count >= Self.minimumWords else { return nil }
        wordCount = words.count
        shingles = Self.shingles(ofWordHashes: words)
        var keys: [Int64] = []
        keys.reserveCapacity(Self.bands + Self.leadParagraphs)
        let signature = Self.minHash(shingles)
        for band in 0..<Self.bands {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(band)
            for row in 0..<Self.rowsPerBand {
                hash = (hash ^ signature[band * Self.rowsPerBand + row]) &* 0x0000_0100_0000_01b3
            }
            keys.append(Self.key(kind: UInt64(band), hash: hash))
        }
        var leads = 0
        for (index, start) in paragraphStarts.enumerated() where leads < Self.leadParagraphs {
            let end = index + 1 < paragraphStarts.count ? paragraphStarts[index + 1] : words.count
            guard end - start >= Self.leadWords else { continue }
            var hash: UInt64 = 0x84222325cbf29ce4
            for word in words[start..<(start + Self.leadWords)] { hash = (hash ^ word) &* 0x0000_0100_0000_01b3 }
            keys.append(Self.key(kind: UInt64(Self.bands), hash: hash))
            leads += 1
        }
        self.keys = keys
    }

    /// Whether two texts are copies of one story, judged on their shingles: most of them shared
    /// (Jaccard ≥ 0.5), or nearly all of the shorter one found in the longer (containment ≥ 0.8: a
    /// summary-only or cut-short copy). Reports of one event by different writers share few 4-grams;
    /// a follow-up that reuses a background paragraph or two, or a shared legal footer, stays under
    /// both bars.
    public func isNearDuplicate(of other: TextFingerprint) -> Bool {
        isNearDuplicate(ofShingles: other.shingles)
    }

    /// `isNearDuplicate(of:)` against another text's shingles (`shingles(ofText:)`: no MinHash).
    public func isNearDuplicate(ofShingles otherShingles: Set<UInt64>) -> Bool {
        let (small, large) = shingles.count <= otherShingles.count ? (shingles, otherShingles) : (otherShingles, shingles)
        guard !small.isEmpty else { return false }
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        let jaccard = Double(shared) / Double(small.count + large.count - shared)
        let containment = Double(shared) / Double(small.count)
        return jaccard >= 0.5 || containment >= 0.8
    }

    /// The hashes of a text's words, and where each of its paragraphs (lines) starts among them.
    /// Words are lowercased, punctuation and quotes of any kind dropped (so re-punctuated copies and
    /// &nbsp; against a space compare equal). One pass over the scalars: ASCII, the bulk of most
    /// texts, byte by byte; other characters by their Unicode properties.
    static func wordHashes(_ text: String, into hashes: inout [UInt64], paragraphStarts: inout [Int]) {
        let offset: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var hash = offset
        var inWord = false
        var lineHasWords = false
        hashes.reserveCapacity(text.utf8.count / 5)
        func add(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* prime
            inWord = true
        }
        func endWord() {
            if inWord {
                if !lineHasWords {
                    paragraphStarts.append(hashes.count)
                    lineHasWords = true
                }
                hashes.append(hash)
            }
            hash = offset
            inWord = false
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): add(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): add(byte | 0x20)
                case UInt8(ascii: "\n"):
                    endWord()
                    lineHasWords = false
                default: endWord()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for byte in String(scalar).lowercased().utf8 { add(byte) }
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// The shingles of a text, for verifying a candidate.
    public static func shingles(ofText text: String) -> Set<UInt64> {
        var hashes: [UInt64] = []
        var paragraphStarts: [Int] = []
        wordHashes(text, into: &hashes, paragraphStarts: &paragraphStarts)
        return shingles(ofWordHashes: hashes)
    }

    static func shingles(ofWordHashes hashes: [UInt64]) -> Set<UInt64> {
        let size = shingleWords
        guard hashes.count >= size else {
            return [hashes.reduce(0x9e37_79b9_7f4a_7c15) { ($0 ^ $1) &* 0xbf58_476d_1ce4_e5b9 }]
        }
        var set = Set<UInt64>()
        set.reserveCapacity(hashes.count)
        for start in 0...(hashes.count - size) {
            var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
            for offset in 0..<size { hash = (hash ^ hashes[start + offset]) &* 0xbf58_476d_1ce4_e5b9 }
            set.insert(hash)
        }
        return set
    }

    /// 64 MinHash values: the smallest image of the shingles under each of 64 mixing functions.
    static func minHash(_ shingles: Set<UInt64>) -> [UInt64] {
        var minimums = [UInt64](repeating: .max, count: bands * rowsPerBand)
        for shingle in shingles {
            for index in 0..<minimums.count {
                let value = mix(shingle ^ seeds[index])
                if value < minimums[index] { minimums[index] = value }
            }
        }
        return minimums
    }

    private static let seeds: [UInt64] = {
        var state: UInt64 = 0x2545_f491_4f6c_dd1d
        return (0..<(bands * rowsPerBand)).map { _ in
            state = mix(state &+ 0x9e37_79b9_7f4a_7c15)
            return state
        }
    }()

    /// splitmix64's finalizer.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A key for the index: the band (or the lead kind) in the top byte, the hash below.
    private static func key(kind: UInt64, hash: UInt64) -> Int64 {
        Int64(bitPattern: (kind << 56) | (hash & 0x00FF_FFFF_FFFF_FFFF))
    }
}
