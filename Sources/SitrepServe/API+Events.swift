import Foundation
import Hummingbird
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

extension API {
  static let maxEventLimit = 500

  /// `GET /api/events`: filtered, newest first, in pages.
  func events(_ request: Request) throws -> Response {
    let q = try query(request, route: "/api/events")
    var filter = try q.eventFilter(parser)
    let limit = try q.limit(default: 50, max: Self.maxEventLimit)
    let offset = try q.cursorOffset()
    filter.limit = limit
    filter.offset = offset
    let total = try store.countEvents(matching: filter)
    let rows = try store.events(matching: filter, order: .newest)
    let next = offset + rows.count < total && !rows.isEmpty ? Cursor.encode(offset + rows.count) : nil
    return try JSON.response(EventPage(events: rows, total: total, nextCursor: next))
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

struct EventPage: Encodable {
  var events: [EventRow]
  var total: Int
  var nextCursor: String?

  enum CodingKeys: String, CodingKey {
    case events, total
    case nextCursor = "next_cursor"
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(events, forKey: .events)
    try c.encode(total, forKey: .total)
    try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page
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
