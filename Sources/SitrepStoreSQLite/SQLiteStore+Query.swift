import Foundation
import GRDB
import SitrepModel
import SitrepResolve

/// One event as a listing shows it: the merged fields, without the quotes.
public struct EventRow: Sendable, Codable, Hashable {
  public var id: String
  public var date: String
  public var datePrecision: String
  public var eventType: String
  public var subEventType: String
  public var location: String
  public var country: String?
  public var admin1: String?
  public var lat: Double?
  public var lon: Double?
  public var precision: String
  public var actor1: String?
  public var actor2: String?
  public var weapons: [String]
  public var fatalities: Int?
  public var injuries: Int?
  public var certainty: String
  public var background: Bool
  public var sourceCount: Int
  public var contradictions: [EventRecord.Contradiction]
  public var summary: String
  /// `confirmed` or `rejected` by an analyst, else nil.
  public var review: String?

  enum CodingKeys: String, CodingKey {
    case id, date, location, country, admin1, lat, lon, precision, actor1, actor2, weapons, fatalities, injuries
    case certainty, background, contradictions, summary, review
    case datePrecision = "date_precision"
    case eventType = "event_type"
    case subEventType = "sub_event_type"
    case sourceCount = "source_count"
  }
}

/// The order events come back in.
public enum EventOrder: Sendable {
  /// Latest first (listings, reports).
  case newest
  /// By id, oldest first (exports: stable and diffable).
  case id
}

extension SQLiteStore {
  /// Events matching the filter, newest first by default.
  public func events(matching filter: EventFilter, order: EventOrder = .newest) throws -> [EventRow] {
    try read { db in
      let (sql, args) = Self.select("i.*", filter, order: order)
      return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args).map(Self.eventRow)
    }
  }

  /// Matching events as JSON objects (an ``EventRow`` each, keys sorted), kept
  /// ready in the store: a listing copies text instead of encoding rows.
  public func eventRowsJSON(matching filter: EventFilter, order: EventOrder = .newest) throws -> [String] {
    try eventRowsPage(matching: filter, order: order, counting: false).rows
  }

  /// A page of listing rows (JSON) and, with `counting`, how many events match
  /// in all, read in one transaction.
  public func eventRowsPage(
    matching filter: EventFilter, order: EventOrder = .newest, counting: Bool = true
  ) throws -> (rows: [String], total: Int) {
    try read { db in
      let (sql, args) = Self.select("i.row_json", filter, order: order)
      let rows = try String.fetchAll(db.cachedStatement(sql: sql), arguments: args)
      guard counting else { return (rows, rows.count) }
      var all = filter
      all.limit = nil
      all.offset = 0
      let (count, countArgs) = Self.select("count(*)", all, order: nil)
      return (rows, try Int.fetchOne(db.cachedStatement(sql: count), arguments: countArgs) ?? 0)
    }
  }

  /// The encoder of listing rows (sorted keys, slashes unescaped).
  public static func listingEncoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }

  /// How many events match (ignoring the filter's limit and offset).
  public func countEvents(matching filter: EventFilter) throws -> Int {
    var f = filter
    f.limit = nil
    f.offset = 0
    return try read { db in
      let (sql, args) = Self.select("count(*)", f, order: nil)
      return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: args) ?? 0
    }
  }

  /// Every matching event as the JSONL contract writes it, one at a time:
  /// memory stays flat however many events there are.
  public func forEachEventRecord(
    matching filter: EventFilter, order: EventOrder = .id, _ body: (EventRecord) throws -> Void
  ) throws {
    try forEachEventRecord(matching: filter, order: order, withSources: false) { record, _ in try body(record) }
  }

  /// Every matching event with the title, outlet, link and date of the
  /// articles behind its sources (`withSources`), one at a time.
  public func forEachEventRecord(
    matching filter: EventFilter, order: EventOrder = .id, withSources: Bool,
    _ body: (EventRecord, [SourceInfo]) throws -> Void
  ) throws {
    try read { db in
      var texts = ArticleTextCache()
      let (sql, args) = Self.select("i.id", filter, order: order)
      let ids = try Int64.fetchCursor(db, sql: sql, arguments: args)
      let info = try db.cachedStatement(sql: "SELECT id, title, url, outlet, published FROM article WHERE id = ?")
      while let id = try ids.next() {
        guard let record = try incidentRecord(id, db: db, texts: &texts) else { continue }
        var sources: [SourceInfo] = []
        if withSources {
          var seen = Set<String>()
          for s in record.sources where seen.insert(s.document).inserted {
            if let r = try Row.fetchOne(info, arguments: [s.document]) {
              sources.append(SourceInfo(id: s.document, title: r["title"], url: r["url"], outlet: r["outlet"], published: r["published"]))
            }
          }
        }
        try body(record, sources)
      }
    }
  }

  static func eventRow(_ r: Row) -> EventRow {
    let weapons = (r["weapons"] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    let contradictions =
      (r["contradictions"] as String?).flatMap {
        try? JSONDecoder().decode([EventRecord.Contradiction].self, from: Data($0.utf8))
      } ?? []
    return EventRow(
      id: eventID(r["id"]), date: r["date"] ?? "", datePrecision: r["date_precision"] ?? "",
      eventType: r["event_type"] ?? "", subEventType: r["sub_event_type"] ?? "", location: r["location_name"] ?? "",
      country: r["country"], admin1: r["admin1"], lat: r["lat"], lon: r["lon"], precision: r["geo_precision"] ?? "",
      actor1: r["actor1"], actor2: r["actor2"], weapons: weapons, fatalities: r["fatalities"], injuries: r["injuries"],
      certainty: r["certainty"] ?? "", background: r["background"] ?? false, sourceCount: r["source_count"] ?? 1,
      contradictions: contradictions, summary: r["summary"] ?? "", review: r["review_status"])
  }

  /// The SQL of a filtered query over the incident table; every value is a
  /// bound parameter.
  static func select(_ columns: String, _ f: EventFilter, order: EventOrder?) -> (String, StatementArguments) {
    var clauses: [String] = []
    var args: [(any DatabaseValueConvertible)?] = []
    func list(_ values: [String]) -> String {
      args += values.map { $0 as (any DatabaseValueConvertible)? }
      return "(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
    }
    if let d = f.days {
      clauses.append("i.day_hi >= ? AND i.day_lo <= ?")
      args += [d.lowerBound, d.upperBound]
    }
    if !f.countries.isEmpty { clauses.append("i.country IN " + list(f.countries)) }
    if let n = f.near {
      let dLat = n.km / 111.2
      let dLon = n.km / max(1, 111.32 * cos(n.lat * .pi / 180))
      clauses.append(
        "i.id IN (SELECT id FROM incident_rtree WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?)"
          + " AND sitrep_km(i.lat, i.lon, ?, ?) <= ?")
      args += [n.lat - dLat, n.lat + dLat, n.lon - dLon, n.lon + dLon, n.lat, n.lon, n.km]
    }
    if !f.eventTypes.isEmpty { clauses.append("i.event_type IN " + list(f.eventTypes)) }
    if !f.subEventTypes.isEmpty { clauses.append("i.sub_event_type IN " + list(f.subEventTypes)) }
    if !f.actorIDs.isEmpty {
      let a = list(f.actorIDs)
      let b = list(f.actorIDs)
      clauses.append("(i.actor1_id IN \(a) OR i.actor2_id IN \(b))")
    }
    if !f.weapons.isEmpty { clauses.append("i.id IN (SELECT incident_id FROM incident_weapon WHERE weapon IN \(list(f.weapons)))") }
    if let m = f.minFatalities {
      clauses.append("i.fatalities >= ?")
      args.append(m)
    }
    if !f.certainties.isEmpty { clauses.append("i.certainty IN " + list(f.certainties)) }
    if let t = f.text {
      clauses.append("i.id IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)")
      args.append(ftsQuery(t))
    }
    if let b = f.background {
      clauses.append("i.background = ?")
      args.append(b)
    }
    if f.contradictedOnly { clauses.append("i.contradictions IS NOT NULL") }
    if !f.includeRejected { clauses.append("i.review_status IS NOT 'rejected'") }
    var sql = "SELECT \(columns) FROM incident i WHERE i.summarized = 1"
    for c in clauses { sql += " AND " + c }
    switch order {
    case .newest: sql += " ORDER BY i.day_lo DESC, i.id DESC"
    case .id: sql += " ORDER BY i.id"
    case nil: break
    }
    if f.limit != nil || f.offset > 0 {
      sql += " LIMIT ? OFFSET ?"
      args += [f.limit ?? -1, f.offset]
    }
    return (sql, StatementArguments(args))
  }

  /// Words a user typed as an FTS5 query: every word must occur; a trailing
  /// `*` matches a prefix; nothing the user types is FTS5 syntax.
  static func ftsQuery(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).map { word -> String in
      var w = String(word)
      let prefix = w.hasSuffix("*")
      if prefix { w.removeLast() }
      return "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
    }.joined(separator: " ")
  }

  /// `sitrep_km(lat1, lon1, lat2, lon2)`: great-circle kilometres, NULL when a coordinate is missing.
  static let kmFunction = DatabaseFunction("sitrep_km", argumentCount: 4, pure: true) { values in
    guard let a = Double.fromDatabaseValue(values[0]), let b = Double.fromDatabaseValue(values[1]),
      let c = Double.fromDatabaseValue(values[2]), let d = Double.fromDatabaseValue(values[3])
    else { return nil }
    return IncidentResolver.km(a, b, c, d)
  }
}
