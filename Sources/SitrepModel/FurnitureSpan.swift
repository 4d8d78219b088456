/// A span of page furniture: text that is on the page but is not the
/// article's own reporting. Later stages skip it.
public struct FurnitureSpan: Sendable, Hashable, Codable {
  public var range: TextRange
  /// What kind of furniture, e.g. `read-more`, `social-embed`, `caption`.
  public var kind: String
  /// The stable id of the rule that recognised it, e.g. `furniture.read-more.v1`.
  public var rule: String

  public init(range: TextRange, kind: String, rule: String) {
    self.range = range
    self.kind = kind
    self.rule = rule
  }
}
