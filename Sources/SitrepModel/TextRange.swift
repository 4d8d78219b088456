/// A half-open range of UTF-8 byte offsets into a ``Document``'s or ``Article``'s text.
///
/// Offsets are UTF-8 internally because Swift strings are UTF-8; they are
/// converted to Unicode code points (what users and the scorer count) only at
/// output, through ``OffsetMap``.
public struct TextRange: Hashable, Sendable, Comparable, Codable {
  public var start: UInt32
  public var end: UInt32

  public init(start: UInt32, end: UInt32) {
    precondition(start <= end, "TextRange start \(start) is after end \(end)")
    self.start = start
    self.end = end
  }

  public init(_ range: Range<Int>) {
    self.init(start: UInt32(range.lowerBound), end: UInt32(range.upperBound))
  }

  public var length: Int { Int(end - start) }
  public var isEmpty: Bool { start == end }

  public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  /// Whether the two ranges share at least one byte.
  public func overlaps(_ other: TextRange) -> Bool {
    start < other.end && other.start < end
  }
}

extension String {
  /// The text covered by a UTF-8 range; ranges that do not fall on scalar
  /// boundaries are widened by the decoder's replacement rules, so callers
  /// should only pass ranges produced by Sitrep's own scanners.
  public subscript(utf8 range: TextRange) -> Substring {
    let u = utf8
    let lo = u.index(u.startIndex, offsetBy: Int(range.start))
    let hi = u.index(lo, offsetBy: range.length)
    return self[lo..<hi]
  }
}
