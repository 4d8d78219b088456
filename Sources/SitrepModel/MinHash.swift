/// A MinHash signature over an article's word 3-shingles, for finding
/// near-duplicate articles (syndicated copies, light rewrites).
///
/// 64 hash functions, banded 16 × 4 for locality-sensitive lookup: two
/// texts whose shingle sets have Jaccard similarity 0.7 share a band with
/// probability 0.98; at 0.3, 0.12 (and are then rejected by ``similarity(to:)``).
public struct MinHashSignature: Sendable, Hashable {
  public static let hashCount = 64
  public static let bandCount = 16
  static let rowsPerBand = hashCount / bandCount
  /// Texts with fewer shingles than this get no signature: short texts share
  /// too much boilerplate to call them copies by shape alone.
  public static let minimumShingles = 12

  public private(set) var values: [UInt32]

  public init?(values: [UInt32]) {
    guard values.count == Self.hashCount else { return nil }
    self.values = values
  }

  /// The signature of `text`, skipping the byte ranges in `skip` (furniture).
  /// - Returns: nil when the text has fewer than ``minimumShingles`` shingles.
  /// - Complexity: O(n + s·64) for n bytes and s shingles.
  public init?(text: String, skipping skip: [TextRange] = []) {
    var mins = [UInt64](repeating: .max, count: Self.hashCount)
    var shingles = 0
    var w0: UInt64 = 0
    var w1: UInt64 = 0
    var wordsSeen = 0
    var skipIndex = 0
    let skip = skip.sorted()
    var text = text
    text.withUTF8 { bytes in
      var i = 0
      let n = bytes.count
      while i < n {
        while skipIndex < skip.count && Int(skip[skipIndex].end) <= i { skipIndex += 1 }
        if skipIndex < skip.count && Int(skip[skipIndex].start) <= i {
          i = Int(skip[skipIndex].end)
          continue
        }
        let c = bytes[i]
        guard Self.isWordByte(c) else {
          i += 1
          continue
        }
        var h = FNV1a64()
        while i < n && Self.isWordByte(bytes[i]) {
          let b = bytes[i]
          h.combine((65...90).contains(b) ? b + 32 : b)
          i += 1
        }
        let w = h.value
        if wordsSeen >= 2 {
          let shingle = Self.mix(w0 &* 0x9E37_79B9_7F4A_7C15 ^ Self.mix(w1) &* 31 ^ w)
          shingles += 1
          for k in 0..<Self.hashCount {
            let v = Self.mix(shingle ^ Self.seeds[k])
            if v < mins[k] { mins[k] = v }
          }
        }
        w0 = w1
        w1 = w
        wordsSeen += 1
      }
    }
    guard shingles >= Self.minimumShingles else { return nil }
    values = mins.map { UInt32(truncatingIfNeeded: $0 >> 32) }
  }

  /// Estimated Jaccard similarity of the two shingle sets (share of equal minima).
  public func similarity(to other: MinHashSignature) -> Double {
    var same = 0
    for i in 0..<Self.hashCount where values[i] == other.values[i] { same += 1 }
    return Double(same) / Double(Self.hashCount)
  }

  /// One key per band; texts that share any key are candidates.
  public var bandKeys: [Int64] {
    (0..<Self.bandCount).map { band in
      var h = FNV1a64()
      h.combine(UInt8(band))
      for r in 0..<Self.rowsPerBand {
        let v = values[band * Self.rowsPerBand + r]
        for shift in stride(from: 0, to: 32, by: 8) { h.combine(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
      }
      return Int64(bitPattern: h.value)
    }
  }

  /// Little-endian bytes, for storage.
  public var bytes: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(values.count * 4)
    for v in values { for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
    return out
  }

  public init?(bytes: [UInt8]) {
    guard bytes.count == Self.hashCount * 4 else { return nil }
    values = (0..<Self.hashCount).map { i in
      (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i * 4 + $1]) << UInt32($1 * 8) }
    }
  }

  @inline(__always) static func isWordByte(_ c: UInt8) -> Bool {
    (97...122).contains(c) || (65...90).contains(c) || (48...57).contains(c) || c >= 0x80
  }

  /// splitmix64's finaliser.
  @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  static let seeds: [UInt64] = (0..<UInt64(hashCount)).map { mix($0 &* 0x2545_F491_4F6C_DD1D &+ 1) }
}
