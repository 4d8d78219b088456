import Foundation

/// One news article as Sitrep stores it.
///
/// `text` is the article's text exactly as read (after decoding and, for
/// HTML and feeds, after extracting the visible text). It is never rewritten
/// afterwards: every later offset and every evidence quote points into it.
public struct Article: Sendable, Hashable {
  public var id: String
  public var text: String
  public var title: String?
  public var url: String?
  public var outlet: String?
  public var published: PublicationDate?
  /// Where the article came from: `path` or `path:line`.
  public var origin: String
  /// Spans of page furniture in `text` (read-more lines, embeds, captions).
  public var furniture: [FurnitureSpan]

  public init(
    id: String, text: String, title: String? = nil, url: String? = nil,
    outlet: String? = nil, published: PublicationDate? = nil, origin: String,
    furniture: [FurnitureSpan] = []
  ) {
    self.id = id
    self.text = text
    self.title = title
    self.url = url
    self.outlet = outlet
    self.published = published
    self.origin = origin
    self.furniture = furniture
  }

  /// A stable hash of the content that identifies a change: text, title,
  /// publication date, URL and outlet. FNV-1a 64, hex.
  public var contentHash: String {
    var h = FNV1a64()
    h.combine(text)
    h.combine(title ?? "")
    h.combine(published?.iso8601 ?? "")
    h.combine(url ?? "")
    h.combine(outlet ?? "")
    return h.hex
  }
}

/// FNV-1a, 64 bit: a small, stable (process-independent) hash.
public struct FNV1a64: Sendable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func combine(_ string: String) {
    for byte in string.utf8 { combine(byte) }
    combine(0xff)  // separator, not a valid UTF-8 byte
  }

  @inline(__always)
  public mutating func combine(_ byte: UInt8) {
    value ^= UInt64(byte)
    value = value &* 0x100_0000_01b3
  }

  public var hex: String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
