/// What ingest asks of a store: write a batch of prepared articles
/// atomically and say what happened to each.
///
/// Stores implement it (SQLite through GRDB today); ingest depends only on
/// this protocol, so the ingest logic is the same whatever the backend.
public protocol ArticleStore: Sendable {
  /// Writes the batch in one transaction: either every article of it is
  /// stored, or none is (and the error says why).
  func write(_ batch: [PreparedArticle]) throws -> [ArticleOutcome]
}

/// An article ready to store: with its furniture and near-duplicate signature.
public struct PreparedArticle: Sendable {
  public var article: Article
  public var signature: MinHashSignature?
  public var contentHash: String

  public init(article: Article, signature: MinHashSignature?) {
    self.article = article
    self.signature = signature
    self.contentHash = article.contentHash
  }
}

/// What storing one article did.
public struct ArticleOutcome: Sendable, Hashable {
  public enum Change: String, Sendable, Hashable, Codable {
    /// First time this id was seen.
    case new
    /// Same id, same content: nothing written.
    case unchanged
    /// Same id, different content: the stored article was replaced.
    case replaced
  }

  public var id: String
  public var change: Change
  /// The earlier article this one is a near-duplicate of, if any.
  public var duplicateOf: String?
  /// A stored article that turned out to be a copy of this one (this one
  /// was published earlier), if any.
  public var displaced: String?
  public var similarity: Double?

  public init(id: String, change: Change, duplicateOf: String? = nil, similarity: Double? = nil) {
    self.id = id
    self.change = change
    self.duplicateOf = duplicateOf
    self.similarity = similarity
  }
}
