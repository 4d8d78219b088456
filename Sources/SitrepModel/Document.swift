/// One article being analysed: it owns the text, and everything else is a
/// span over it (tokens, sentences, typed mentions), like spaCy's `Doc`.
///
/// Components add layers; none of them edits `text`, so every offset and
/// every evidence quote stays valid.
public struct Document: Sendable {
  public let id: String
  public let text: String
  public let title: String?
  public let published: PublicationDate?
  /// Byte ranges of page furniture; later stages skip them.
  public let furniture: [TextRange]
  public var tokens = TokenTable()
  public var sentences: [Sentence] = []
  public var mentions: [Mention] = []
  /// Time expressions; `Mention.entry` of a `.date` mention indexes this.
  public var temporals: [TemporalExpression] = []
  /// The date relative expressions were resolved against, and where it came from.
  public var referenceDate: FuzzyDate?
  public var referenceSource: String?

  public init(id: String, text: String, title: String? = nil, published: PublicationDate?, furniture: [TextRange] = []) {
    self.id = id
    self.text = text
    self.title = title
    self.published = published
    self.furniture = furniture.sorted()
  }

  public init(_ article: Article) {
    self.init(
      id: article.id, text: article.text, title: article.title, published: article.published,
      furniture: article.furniture.map(\.range))
  }

  /// The text of a byte range.
  public func slice(_ range: TextRange) -> Substring { text[utf8: range] }

  /// The byte range covered by tokens `i..<j`.
  public func range(tokens r: Range<Int>) -> TextRange {
    guard !r.isEmpty else { return TextRange(start: 0, end: 0) }
    return TextRange(start: tokens.starts[r.lowerBound], end: tokens.ends[r.upperBound - 1])
  }

  /// Mentions of one kind, in text order.
  public func mentions(_ kind: Mention.Kind) -> [Mention] { mentions.filter { $0.kind == kind } }

  /// Mentions of one kind inside a sentence.
  public func mentions(_ kind: Mention.Kind, in sentence: Sentence) -> [Mention] {
    mentions.filter { $0.kind == kind && sentence.tokens.contains($0.tokens.lowerBound) }
  }

  /// Checks the invariants every component relies on: tokens and sentences
  /// sorted, inside the text, on scalar boundaries.
  public func checkInvariants() -> [String] {
    var problems: [String] = []
    let n = UInt32(text.utf8.count)
    var last: UInt32 = 0
    for i in 0..<tokens.count {
      if tokens.starts[i] < last || tokens.ends[i] > n || tokens.starts[i] >= tokens.ends[i] {
        problems.append("token \(i) out of order or bounds")
      }
      last = tokens.ends[i]
    }
    var lastSentence = 0
    for s in sentences {
      if s.tokens.lowerBound < lastSentence { problems.append("sentence out of order at token \(s.tokens)") }
      lastSentence = s.tokens.upperBound
    }
    return problems
  }
}

/// The token table, as columns (spaCy's `TokenC` array, without classes).
public struct TokenTable: Sendable {
  public var starts: [UInt32] = []
  public var ends: [UInt32] = []
  /// Folded form for matching: lower case, no diacritics, straight quotes.
  public var norms: [String] = []
  public var flags: [TokenFlags] = []

  public init() {}

  public var count: Int { starts.count }

  public mutating func append(start: UInt32, end: UInt32, norm: String, flags: TokenFlags) {
    starts.append(start)
    ends.append(end)
    norms.append(norm)
    self.flags.append(flags)
  }
}

/// What kind of token this is.
public struct TokenFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let word = TokenFlags(rawValue: 1 << 0)
  public static let number = TokenFlags(rawValue: 1 << 1)
  public static let punctuation = TokenFlags(rawValue: 1 << 2)
  /// First letter upper case.
  public static let capitalized = TokenFlags(rawValue: 1 << 3)
  /// Every letter upper case (and more than one letter).
  public static let allCaps = TokenFlags(rawValue: 1 << 4)
  /// Inside page furniture.
  public static let furniture = TokenFlags(rawValue: 1 << 5)
  /// A line break (one or more) precedes this token.
  public static let newlineBefore = TokenFlags(rawValue: 1 << 6)
  /// Punctuation that joins words inside a name (hyphen, apostrophe).
  public static let joiner = TokenFlags(rawValue: 1 << 7)
}

/// A sentence: its tokens and its place in the article.
public struct Sentence: Sendable, Hashable {
  public var tokens: Range<Int>
  public var range: TextRange
  /// Paragraph number (paragraphs are separated by blank lines or line breaks).
  public var paragraph: Int
  /// A line of its own without final punctuation, at the top (a headline).
  public var isHeadline: Bool
  public var isFurniture: Bool

  public init(tokens: Range<Int>, range: TextRange, paragraph: Int, isHeadline: Bool, isFurniture: Bool) {
    self.tokens = tokens
    self.range = range
    self.paragraph = paragraph
    self.isHeadline = isHeadline
    self.isFurniture = isFurniture
  }
}

/// A typed span of tokens that a component recognised.
public struct Mention: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case place, actor, weapon, trigger, cue, date, number, country
  }

  public var kind: Kind
  public var tokens: Range<Int>
  public var range: TextRange
  /// The lexicon entry (index into the lexicon's table for the kind).
  public var entry: Int
  /// More candidates for ambiguous names (places), best first after resolution.
  public var alternatives: [Int]
  /// The id of the rule or lexicon that produced it, e.g. `gazetteer.exact.v1`.
  public var rule: String

  public init(kind: Kind, tokens: Range<Int>, range: TextRange, entry: Int, alternatives: [Int] = [], rule: String) {
    self.kind = kind
    self.tokens = tokens
    self.range = range
    self.entry = entry
    self.alternatives = alternatives
    self.rule = rule
  }
}
