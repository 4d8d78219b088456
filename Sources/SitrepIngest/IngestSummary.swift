import SitrepModel

/// What one ingest run did: counts, near-duplicates, and every input skipped, with its reason.
public struct IngestSummary: Sendable, Codable {
  /// One input (a file, a line) that could not be used, with why.
  public struct Problem: Sendable, Codable, Hashable {
    public var location: String?
    public var code: String
    public var message: String

    public init(_ error: SitrepError) {
      location = error.location
      code = error.code.description
      message = error.message
    }

    public init(_ error: any Error) {
      self.init(error as? SitrepError ?? SitrepError(.unsupported, "\(error)"))
    }
  }

  /// An article found to be a near-copy of an earlier one.
  public struct DuplicateLink: Sendable, Codable, Hashable {
    public var article: String
    public var original: String
    public var similarity: Double
  }

  public var files = 0
  public var articlesRead = 0
  public var new = 0
  public var unchanged = 0
  public var replaced = 0
  public var replacedIDs: [String] = []
  public var nearDuplicates: [DuplicateLink] = []
  public var skipped: [Problem] = []
  public var warnings: [String] = []
  public var seconds = 0.0
  public var bytes = 0

  public init() {}

  mutating func record(_ outcomes: [ArticleOutcome]) {
    for o in outcomes {
      switch o.change {
      case .new: new += 1
      case .unchanged: unchanged += 1
      case .replaced:
        replaced += 1
        if replacedIDs.count < 1000 { replacedIDs.append(o.id) }
      }
      if let original = o.duplicateOf {
        nearDuplicates.append(DuplicateLink(article: o.id, original: original, similarity: o.similarity ?? 1))
      }
      if let copy = o.displaced {
        nearDuplicates.append(DuplicateLink(article: copy, original: o.id, similarity: o.similarity ?? 1))
      }
    }
  }

  /// 0 when every input was usable, 1 when some were skipped.
  public var exitCode: Int32 { skipped.isEmpty ? 0 : 1 }
}
