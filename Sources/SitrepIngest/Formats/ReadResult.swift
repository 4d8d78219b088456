import SitrepModel

/// What a format reader found in one input: the articles, and warnings that
/// did not stop it (an unparseable date, a feed item without text).
public struct ReadResult: Sendable {
  public var articles: [Article]
  /// Problems worth telling the user about, each already naming where it is.
  public var warnings: [String]
  /// Parts of the input that were skipped, each with its reason (`file:line: reason`).
  public var skipped: [SitrepError]

  public init(articles: [Article] = [], warnings: [String] = [], skipped: [SitrepError] = []) {
    self.articles = articles
    self.warnings = warnings
    self.skipped = skipped
  }
}
