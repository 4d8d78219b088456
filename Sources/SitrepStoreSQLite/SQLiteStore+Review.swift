import Foundation
import GRDB
import SitrepLexicon
import SitrepModel
import SitrepResolve

/// One analyst action, as the audit log keeps it.
public struct ReviewAction: Sendable, Codable, Hashable {
  public var id: Int64
  public var at: String
  public var who: String
  public var action: String
  public var eventID: String
  public var before: String?
  public var after: String?
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case id, at, who, action, before, after, note
    case eventID = "event_id"
  }
}

extension SQLiteStore {
  /// An analyst says two events are one incident. Their reports are linked as
  /// the same incident (re-extraction keeps the decision), the events merge
  /// and the older id survives. Undo with ``split(event:article:analyst:note:)``.
  /// - Returns: the surviving event id.
  @discardableResult
  public func merge(events first: String, _ second: String, analyst: String, note: String? = nil) throws -> String {
    try writeOrThrow { db in
      let a = try members(of: first, db: db)
      let b = try members(of: second, db: db)
      guard a.incident != b.incident else {
        throw SitrepError(.invalidArgument, "\(first) and \(second) are the same event")
      }
      for x in a.rows {
        for y in b.rows { try link(Self.reportKey(x), Self.reportKey(y), kind: "same", db: db) }
      }
      try resolveIncidents(around: (a.rows + b.rows).map { $0["seq"] }, db: db)
      try refreshIncidentSummaries(db)
      let after = try Set((a.rows + b.rows).map { try incident(ofReport: $0["seq"], db: db) })
      guard after.count == 1, let survivor = after.first else {
        throw SitrepError(
          .invalidArgument, "\(first) and \(second) cannot be merged: an earlier analyst decision keeps some of their sources apart")
      }
      try log(
        "merge", event: Self.eventID(survivor), who: analyst, before: "\(Self.eventID(a.incident)) + \(Self.eventID(b.incident))",
        after: Self.eventID(survivor), note: note, db: db)
      return Self.eventID(survivor)
    }
  }

  /// An analyst says an article's report is not part of an event: it is kept
  /// apart from the event's other reports from now on and becomes its own
  /// event (or joins another that fits). Undo with ``merge(events:_:analyst:note:)``.
  /// - Returns: the event id the article's report now belongs to.
  @discardableResult
  public func split(event: String, article: String, analyst: String, note: String? = nil) throws -> String {
    try writeOrThrow { db in
      let m = try members(of: event, db: db)
      let off = m.rows.filter { ($0["article_id"] as String) == article }
      let stay = m.rows.filter { ($0["article_id"] as String) != article }
      guard !off.isEmpty else {
        let articles = Set(m.rows.map { $0["article_id"] as String }).sorted()
        throw SitrepError(
          .invalidArgument, "'\(article)' is not a source of \(event); its sources are: " + articles.joined(separator: ", "))
      }
      guard !stay.isEmpty else {
        throw SitrepError(.invalidArgument, "'\(article)' is the only source of \(event); there is nothing to split it from")
      }
      for x in off {
        for y in stay { try link(Self.reportKey(x), Self.reportKey(y), kind: "different", db: db) }
      }
      try resolveIncidents(around: m.rows.map { $0["seq"] }, db: db)
      try refreshIncidentSummaries(db)
      let moved = try incident(ofReport: off[0]["seq"], db: db)
      try log(
        "split", event: event, who: analyst, before: "\(event) with \(article)",
        after: "\(Self.eventID(try incident(ofReport: stay[0]["seq"], db: db))) + \(Self.eventID(moved))", note: note, db: db)
      return Self.eventID(moved)
    }
  }

  /// An analyst's verdict on an event: confirmed, rejected (left out of
  /// queries and exports unless asked for), or nil to reopen it. Logged.
  public func review(event: String, status: String?, analyst: String, note: String? = nil) throws {
    if let status, !["confirmed", "rejected"].contains(status) {
      throw SitrepError(.invalidArgument, "a review is confirmed or rejected, not '\(status)'")
    }
    try writeOrThrow { db in
      let m = try members(of: event, db: db)
      let before = try String.fetchOne(db, sql: "SELECT review_status FROM incident WHERE id = ?", arguments: [m.incident])
      try db.execute(sql: "UPDATE incident SET review_status = ?, summarized = 0 WHERE id = ?", arguments: [status, m.incident])
      try refreshIncidentSummaries(db)
      try log(status.map { $0 == "confirmed" ? "confirm" : "reject" } ?? "reopen", event: event, who: analyst,
        before: before ?? "unreviewed", after: status ?? "unreviewed", note: note, db: db)
    }
  }

  /// An analyst sets (or, with a nil value, unsets) fields of an event. The
  /// values are checked against the lexicon, win over the sources from now
  /// on, survive re-extraction, and each change is logged with its old value.
  /// - Returns: the event as it now reads.
  @discardableResult
  public func edit(
    event: String, set: [(field: String, value: String?)], lexicon: Lexicon, analyst: String, note: String? = nil
  ) throws -> EventRecord {
    try writeOrThrow { db in
      let m = try members(of: event, db: db)
      let json = try String.fetchOne(db, sql: "SELECT overrides FROM incident WHERE id = ?", arguments: [m.incident])
      var overrides = json.flatMap { try? JSONDecoder().decode(EventOverrides.self, from: Data($0.utf8)) } ?? EventOverrides()
      var texts = ArticleTextCache()
      guard let before = try incidentRecord(m.incident, db: db, texts: &texts) else {
        throw SitrepError(.notFound, "no event \(event)")
      }
      for (field, value) in set {
        if let value { try overrides.set(field, to: value, lexicon: lexicon) } else { try overrides.unset(field) }
      }
      let encoded = overrides.isEmpty ? nil : String(decoding: try JSONEncoder().encode(overrides), as: UTF8.self)
      try db.execute(sql: "UPDATE incident SET overrides = ?, summarized = 0 WHERE id = ?", arguments: [encoded, m.incident])
      try refreshIncidentSummaries(db)
      guard let after = try incidentRecord(m.incident, db: db, texts: &texts) else {
        throw SitrepError(.notFound, "no event \(event)")
      }
      for (field, value) in set {
        try log(
          value == nil ? "unset \(field)" : "edit \(field)", event: event, who: analyst,
          before: Self.fieldText(before, field), after: Self.fieldText(after, field), note: note, db: db)
      }
      return after
    }
  }

  /// One field of a record as text, for the audit log.
  static func fieldText(_ r: EventRecord, _ field: String) -> String {
    switch field {
    case "sub_event_type": return "\(r.eventType) / \(r.subEventType)"
    case "date": return r.date
    case "location": return "\(r.location.name) (\(r.location.precision))"
    case "actor1": return r.actor1?.name ?? "none"
    case "actor2": return r.actor2?.name ?? "none"
    case "fatalities": return r.fatalities.map(String.init) ?? "unknown"
    case "injuries": return r.injuries.map(String.init) ?? "unknown"
    case "certainty": return r.certainty
    case "background": return String(r.background)
    default: return ""
    }
  }

  /// Every analyst action on this event (as the before or after side), oldest first.
  public func reviewHistory(eventID: String) throws -> [ReviewAction] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM review_action WHERE event_id = ? OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\' ORDER BY id
          """, arguments: [eventID, "%\(eventID)%", "%\(eventID)%"]
      ).map(Self.reviewAction)
    }
  }

  static func reviewAction(_ r: Row) -> ReviewAction {
    ReviewAction(
      id: r["id"], at: r["at"], who: r["who"], action: r["action"], eventID: r["event_id"], before: r["before"],
      after: r["after"], note: r["note"])
  }

  func members(of event: String, db: Database) throws -> (incident: Int64, rows: [Row]) {
    guard let id = Self.eventSeq(event),
      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM incident WHERE id = ?)", arguments: [id]) == true
    else { throw SitrepError(.notFound, "no event \(event) (sitrep events lists them)") }
    let rows = try Row.fetchAll(db, sql: Self.reportSQL + " WHERE m.incident_id = ? ORDER BY e.seq", arguments: [id])
    return (id, rows)
  }

  func incident(ofReport seq: Int64, db: Database) throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT incident_id FROM incident_member WHERE event_seq = ?", arguments: [seq]) ?? 0
  }

  /// Records (or replaces) the analyst's decision about two reports.
  func link(_ x: String, _ y: String, kind: String, db: Database) throws {
    guard x != y else { return }
    try db.execute(
      sql: """
        INSERT INTO resolution_link (a, b, kind, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(a, b) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at
        """, arguments: [min(x, y), max(x, y), kind, Self.timestamp()])
  }

  func log(_ action: String, event: String, who: String, before: String?, after: String?, note: String?, db: Database) throws {
    try db.execute(
      sql: "INSERT INTO review_action (at, who, action, event_id, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [Self.timestamp(), who, action, event, before, after, note])
  }
}
