import Foundation
import Hummingbird
import SitrepStoreSQLite

extension API {
  /// `GET /api/articles`: newest first, or full-text search, in pages.
  func articles(_ request: Request) throws -> Response {
    let q = try query(request, route: "/api/articles")
    let limit = try q.limit(default: 50, max: Self.maxEventLimit)
    let offset = try q.cursorOffset()
    let search = q.string("search").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    // one more than asked: is there a next page?
    var rows = try store.articles(search: search, limit: limit + 1, offset: offset)
    let more = rows.count > limit
    if more { rows.removeLast() }
    return try JSON.response(ArticlePage(articles: rows, nextCursor: more ? Cursor.encode(offset + rows.count) : nil))
  }

  /// `GET /api/articles/{id}`: text, furniture, and the evidence of the events it supports.
  func article(_ request: Request, id: String) throws -> Response {
    _ = try query(request, route: "/api/articles/{id}")
    let id = id.removingPercentEncoding ?? id
    guard let article = try store.article(id: id) else {
      throw APIError.notFound("no article '\(id)'; GET /api/articles lists them")
    }
    let events = try store.eventIDs(article: id)
    var evidence: [ArticleDetail.Span] = []
    for e in events {
      guard let x = try store.explain(eventID: e) else { continue }
      for item in x.evidence where item.document == id {
        evidence.append(.init(event: e, field: item.field, start: item.start, end: item.end, text: item.text, rule: item.rule))
      }
      for item in x.casualtyClaims where item.document == id {
        evidence.append(
          .init(event: e, field: "casualties: " + item.field, start: item.start, end: item.end, text: item.text, rule: item.rule))
      }
    }
    evidence.sort { ($0.start, $0.end, $0.event, $0.field) < ($1.start, $1.end, $1.event, $1.field) }
    return try JSON.response(ArticleDetail(article: article, events: events, evidence: evidence))
  }
}

struct ArticlePage: Encodable {
  var articles: [StoredArticle]
  var nextCursor: String?

  enum CodingKeys: String, CodingKey {
    case articles
    case nextCursor = "next_cursor"
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(articles, forKey: .articles)
    try c.encode(nextCursor, forKey: .nextCursor)
  }
}

/// One article as `sitrep show --json` gives it, plus `events` and `evidence`
/// (offsets in Unicode code points into `text`).
struct ArticleDetail: Encodable {
  struct Span: Encodable {
    var event: String
    var field: String
    var start: Int
    var end: Int
    var text: String
    var rule: String
  }

  var article: StoredArticle
  var events: [String]
  var evidence: [Span]

  enum CodingKeys: String, CodingKey { case events, evidence }

  func encode(to encoder: any Encoder) throws {
    try article.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(events, forKey: .events)
    try c.encode(evidence, forKey: .evidence)
  }
}
