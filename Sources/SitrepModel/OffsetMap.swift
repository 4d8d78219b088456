/// Converts UTF-8 offsets of one text into Unicode code-point offsets.
///
/// Users and the Python scorer count characters as code points, Swift stores
/// UTF-8; one map per text converts at the output boundary.
///
/// - Complexity: O(n) to build; O(log n) per lookup, O(1) for pure-ASCII text.
public struct OffsetMap: Sendable {
  /// UTF-8 offsets at which a non-ASCII scalar starts, in order.
  private let multiByteStarts: [UInt32]
  /// Extra bytes (beyond one) that scalar occupies, cumulative up to and including it.
  private let cumulativeExtra: [UInt32]

  public init(_ text: String) {
    var starts: [UInt32] = []
    var extras: [UInt32] = []
    var offset: UInt32 = 0
    var extra: UInt32 = 0
    for scalar in text.unicodeScalars {
      let width = UInt32(UTF8.width(scalar))
      if width > 1 {
        extra += width - 1
        starts.append(offset)
        extras.append(extra)
      }
      offset += width
    }
    multiByteStarts = starts
    cumulativeExtra = extras
  }

  /// The code-point offset of a UTF-8 offset that falls on a scalar boundary.
  public func codePoint(_ utf8Offset: UInt32) -> Int {
    // number of multi-byte scalars starting strictly before utf8Offset
    var lo = 0
    var hi = multiByteStarts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if multiByteStarts[mid] < utf8Offset { lo = mid + 1 } else { hi = mid }
    }
    let extra = lo == 0 ? 0 : cumulativeExtra[lo - 1]
    return Int(utf8Offset - extra)
  }

  /// The range in code points.
  public func codePoints(_ range: TextRange) -> Range<Int> {
    codePoint(range.start)..<codePoint(range.end)
  }
}
