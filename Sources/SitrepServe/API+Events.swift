import Foundation
import Hummingbird
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

extension API {
  static let maxEventLimit = 500

  /// `GET /api/events`: filtered, newest first, in pages.
  func events(_ request: Request) throws -> Response {
    let body = try pages.body(for: request.uri.description) { try eventsPage(request) }
    return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
  }

  /// The page of `GET /api/events` (the body, assembled from stored rows).
  func eventsPage(_ request: Request) throws -> ByteBuffer {
    let q = try query(request, route: "/api/events")
    var filter = try q.eventFilter(parser)
    let limit = try q.limit(default: 50, max: Self.maxEventLimit)
    let offset = try q.cursorOffset()
    filter.limit = limit
    filter.offset = offset
    // rows are stored as JSON when an event changes; the page is assembled from them
    let (rows, total) = try store.eventRowsPage(matching: filter, order: .newest)
    let next = offset + rows.count < total && !rows.isEmpty ? Cursor.encode(offset + rows.count) : nil
    var body = ByteBuffer()
    body.reserveCapacity(rows.reduce(64) { $0 + $1.utf8.count + 1 })
    body.writeString("{\"events\":[")
    for (i, row) in rows.enumerated() {
      if i > 0 { body.writeString(",") }
      body.writeString(row)
    }
    body.writeString("],\"next_cursor\":")
    body.writeString(next.map { "\"\($0)\"" } ?? "null")
    body.writeString(",\"total\":\(total)}")
    return body
  }

  /// `GET /api/events/{id}`: the event with its evidence, casualty claims, reports, resolution and reviews.
  func event(_ request: Request, id: String) throws -> Response {
    _ = try query(request, route: "/api/events/{id}")
    let id = id.removingPercentEncoding ?? id
    guard let x = try store.explain(eventID: id) else {
      throw APIError.notFound("no event '\(id)'; GET /api/events lists them")
    }
    return try JSON.response(x)
  }

  /// `GET /api/stats`: counts by week, event type and country.
  func stats(_ request: Request) throws -> Response {
    let q = try query(request, route: "/api/stats")
    let filter = try q.eventFilter(parser)
    let s = try store.eventStats(matching: filter)
    let names = Dictionary(lexicon.countries.map { ($0.iso2, $0.name) }, uniquingKeysWith: { a, _ in a })
    return try JSON.response(
      Stats(
        total: s.total, filter: filter.summary,
        byWeek: s.byWeek.map { .init(key: $0.key, count: $0.count) },
        byEventType: s.byEventType.map { .init(key: $0.key, count: $0.count) },
        byCountry: s.byCountry.map { .init(key: $0.key, name: $0.key == "XX" ? "Seas" : names[$0.key], count: $0.count) },
        undatedToWeek: s.notDatedToDay))
  }
}

struct Stats: Encodable {
  struct Bucket: Encodable {
    var key: String
    var name: String? = nil
    var count: Int
  }

  var total: Int
  var filter: String
  var byWeek: [Bucket]
  var byEventType: [Bucket]
  var byCountry: [Bucket]
  var undatedToWeek: Int

  enum CodingKeys: String, CodingKey {
    case total, filter
    case byWeek = "by_week"
    case byEventType = "by_event_type"
    case byCountry = "by_country"
    case undatedToWeek = "not_dated_to_a_day"
  }
}
