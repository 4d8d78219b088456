import Foundation
import SitrepModel

/// The field names analysts' article collections use, and how to read them
/// out of one decoded JSON object (a JSONL line or a manifest entry).
struct ArticleFields {
  static let id = ["id", "article_id", "doc_id", "guid", "_id", "uuid"]
  static let text = ["text", "body", "content", "article", "articleBody", "article_body", "full_text", "maintext"]
  static let title = ["title", "headline", "heading"]
  static let published = [
    "published", "published_at", "publishedAt", "date", "pubDate", "pub_date", "datePublished",
    "date_published", "publish_date", "created_at",
  ]
  static let url = ["url", "link", "href", "canonical_url"]
  static let outlet = ["outlet", "source", "source_name", "publisher", "site_name", "domain"]

  let object: [String: Any]

  /// The first present, non-empty string among `keys`. Numbers are turned
  /// into strings (ids are often numeric); `{"name": ...}` objects (as in
  /// NewsAPI's `source`) give their name.
  func string(_ keys: [String]) -> String? {
    for key in keys {
      guard let value = object[key] else { continue }
      switch value {
      case let s as String:
        if key == "text" || ArticleFields.text.contains(key) {
          // the text is kept as given; only check it is not blank (without copying a long text)
          if s.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return s }
          continue
        }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty { return t }
      case let n as NSNumber:
        return n.stringValue
      case let d as [String: Any]:
        if let name = d["name"] as? String, !name.isEmpty { return name }
      default:
        continue
      }
    }
    return nil
  }

  /// The publication date, and a warning when one was given but could not be read.
  func published(at location: String) -> (PublicationDate?, String?) {
    guard let raw = string(Self.published) else { return (nil, nil) }
    if let date = PublicationDateParser.parse(raw) { return (date, nil) }
    return (nil, "\(location): unparseable publication date '\(raw.prefix(60))'; stored without one")
  }
}
