/// What exports and reports show of an article that supports an event: its
/// title, outlet, link and publication date (the text stays in the store).
public struct SourceInfo: Sendable, Hashable, Codable {
  public var id: String
  public var title: String?
  public var url: String?
  public var outlet: String?
  /// ISO 8601 (`2023-10-20` or with a time), or nil when unknown.
  public var published: String?

  public init(id: String, title: String? = nil, url: String? = nil, outlet: String? = nil, published: String? = nil) {
    self.id = id
    self.title = title
    self.url = url
    self.outlet = outlet
    self.published = published
  }
}
