import Foundation
import GRDB
import SitrepModel

extension SQLiteStore {
  /// Articles whose current content has not been through `extractor` yet.
  public func articlesNeedingExtraction(extractor: String, all: Bool = false) throws -> [String] {
    try read { db in
      if all { return try String.fetchAll(db, sql: "SELECT id FROM article ORDER BY seq") }
      return try String.fetchAll(
        db,
        sql: """
          SELECT a.id FROM article a LEFT JOIN article_extraction x ON x.article_id = a.id
          WHERE x.article_id IS NULL OR x.content_hash <> a.content_hash OR x.extractor <> ?
          ORDER BY a.seq
          """, arguments: [extractor])
    }
  }

  /// Replaces everything extraction stored for these articles with the new
  /// results, in one transaction.
  public func saveExtractions(_ results: [(article: Article, extraction: Extraction)], extractor: String) throws {
    let now = Self.timestamp()
    try writeOrThrow { db in
      for (article, x) in results {
        // the article's old events (issue 4 will keep events that other articles also support)
        try db.execute(
          sql: "DELETE FROM event WHERE seq IN (SELECT event_seq FROM event_source WHERE article_id = ?)",
          arguments: [article.id])
        try db.execute(sql: "DELETE FROM extraction_diagnostic WHERE article_id = ?", arguments: [article.id])
        for e in x.events {
          let weapons = String(decoding: try JSONEncoder().encode(e.weapons), as: UTF8.self)
          try db.execute(
            sql: """
              INSERT INTO event (event_type, sub_event_type, date, date_precision, location_name, country, admin1, lat,
                lon, geo_precision, place_id, actor1, actor1_id, actor2, actor2_id, weapons, fatalities, injuries,
                certainty, background, summary, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              e.eventType, e.subEventType, e.date.iso, e.date.precision.rawValue, e.place.name, e.place.country,
              e.place.admin1, e.place.lat, e.place.lon, e.place.precision, e.place.placeID, e.actor1?.name,
              e.actor1?.id, e.actor2?.name, e.actor2?.id, weapons, e.fatalities, e.injuries, e.certainty,
              e.background, e.summary, now,
            ])
          let seq = db.lastInsertedRowID
          let source = try db.cachedStatement(
            sql: "INSERT INTO event_source (event_seq, article_id, start, end, reported_by) VALUES (?, ?, ?, ?, ?)")
          for s in e.sources {
            try source.execute(arguments: [seq, s.document, Int(s.sentence.start), Int(s.sentence.end), s.reportedBy])
          }
          let evidence = try db.cachedStatement(
            sql: "INSERT INTO evidence (event_seq, article_id, field, start, end, rule) VALUES (?, ?, ?, ?, ?, ?)")
          for ev in e.evidence {
            try evidence.execute(arguments: [seq, article.id, ev.field, Int(ev.range.start), Int(ev.range.end), ev.rule])
          }
          let claim = try db.cachedStatement(
            sql: "INSERT INTO casualty_claim (event_seq, article_id, kind, count, start, end, rule) VALUES (?, ?, ?, ?, ?, ?, ?)")
          for c in e.casualtyClaims {
            try claim.execute(arguments: [seq, article.id, c.kind, c.count, Int(c.range.start), Int(c.range.end), c.rule])
          }
        }
        let diag = try db.cachedStatement(
          sql: "INSERT INTO extraction_diagnostic (article_id, rule, start, end, message) VALUES (?, ?, ?, ?, ?)")
        for d in x.diagnostics {
          try diag.execute(arguments: [article.id, d.rule, Int(d.range.start), Int(d.range.end), d.message])
        }
        try db.execute(
          sql: """
            INSERT INTO article_extraction (article_id, content_hash, extractor, extracted_at, events, rejected)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(article_id) DO UPDATE SET content_hash = excluded.content_hash, extractor = excluded.extractor,
              extracted_at = excluded.extracted_at, events = excluded.events, rejected = excluded.rejected
            """,
          arguments: [article.id, article.contentHash, extractor, now, x.events.count, x.diagnostics.count])
      }
    }
  }

  public func eventCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
  }

  /// Every event as the JSONL contract writes it, in id order, one at a time:
  /// memory stays flat however many events there are.
  public func forEachEventRecord(_ body: (EventRecord) throws -> Void) throws {
    try read { db in
      var texts = ArticleTextCache()
      let sources = try db.cachedStatement(
        sql: "SELECT article_id, start, end, reported_by FROM event_source WHERE event_seq = ? ORDER BY rowid")
      let rows = try Row.fetchCursor(db, sql: "SELECT * FROM event ORDER BY seq")
      while let row = try rows.next() {
        let seq: Int64 = row["seq"]
        var list: [EventRecord.Source] = []
        for s in try Row.fetchAll(sources, arguments: [seq]) {
          let articleID: String = s["article_id"]
          guard let (text, map) = try texts.get(articleID, db: db) else { continue }
          let range = TextRange(start: UInt32(s["start"] as Int), end: UInt32(s["end"] as Int))
          list.append(
            EventRecord.Source(
              document: articleID, start: map.codePoint(range.start), end: map.codePoint(range.end),
              text: String(text[utf8: range]), reportedBy: s["reported_by"]))
        }
        try body(Self.record(row, sources: list))
      }
    }
  }

  static func record(_ row: Row, sources: [EventRecord.Source]) -> EventRecord {
    let weaponsJSON: String = row["weapons"]
    let weapons = (try? JSONDecoder().decode([String].self, from: Data(weaponsJSON.utf8))) ?? []
    let a1: String? = row["actor1"]
    let a2: String? = row["actor2"]
    return EventRecord(
      id: eventID(row["seq"]), eventType: row["event_type"], subEventType: row["sub_event_type"], date: row["date"],
      datePrecision: row["date_precision"],
      location: .init(
        name: row["location_name"], country: row["country"], admin1: row["admin1"], lat: row["lat"], lon: row["lon"],
        precision: row["geo_precision"]),
      actor1: a1.map { EventRecord.ActorRef(name: $0, id: row["actor1_id"]) },
      actor2: a2.map { EventRecord.ActorRef(name: $0, id: row["actor2_id"]) }, weapons: weapons,
      fatalities: row["fatalities"], injuries: row["injuries"], certainty: row["certainty"],
      background: row["background"], sources: sources, summary: row["summary"])
  }

  /// `evt-000123`.
  public static func eventID(_ seq: Int64) -> String {
    let s = String(seq)
    return "evt-" + String(repeating: "0", count: max(0, 6 - s.count)) + s
  }

  /// The sequence number of `evt-000123` (or of `123`).
  public static func eventSeq(_ id: String) -> Int64? {
    Int64(id.hasPrefix("evt-") ? String(id.dropFirst(4)) : id)
  }

  /// One event with every piece of evidence, quoted, for `sitrep explain`.
  public func explain(eventID: String) throws -> EventExplanation? {
    guard let seq = Self.eventSeq(eventID) else { return nil }
    return try read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE seq = ?", arguments: [seq]) else {
        return nil
      }
      var texts = ArticleTextCache()
      var sources: [EventRecord.Source] = []
      for s in try Row.fetchAll(
        db, sql: "SELECT article_id, start, end, reported_by FROM event_source WHERE event_seq = ? ORDER BY rowid",
        arguments: [seq])
      {
        let id: String = s["article_id"]
        guard let q = try texts.quote(id, start: s["start"], end: s["end"], db: db) else { continue }
        sources.append(.init(document: id, start: q.start, end: q.end, text: q.text, reportedBy: s["reported_by"]))
      }
      var evidence: [EventExplanation.Item] = []
      for e in try Row.fetchAll(
        db, sql: "SELECT article_id, field, start, end, rule FROM evidence WHERE event_seq = ? ORDER BY rowid",
        arguments: [seq])
      {
        let id: String = e["article_id"]
        guard let q = try texts.quote(id, start: e["start"], end: e["end"], db: db) else { continue }
        evidence.append(.init(field: e["field"], document: id, start: q.start, end: q.end, text: q.text, rule: e["rule"]))
      }
      var claims: [EventExplanation.Item] = []
      for c in try Row.fetchAll(
        db, sql: "SELECT article_id, kind, count, start, end, rule FROM casualty_claim WHERE event_seq = ? ORDER BY rowid",
        arguments: [seq])
      {
        let id: String = c["article_id"]
        guard let q = try texts.quote(id, start: c["start"], end: c["end"], db: db) else { continue }
        claims.append(
          .init(field: "\(c["kind"] as String) = \(c["count"] as Int)", document: id, start: q.start, end: q.end, text: q.text, rule: c["rule"]))
      }
      return EventExplanation(event: Self.record(row, sources: sources), evidence: evidence, casualtyClaims: claims)
    }
  }

  /// What extraction rejected in one article, and why.
  public func diagnostics(article id: String) throws -> [EventExplanation.Item] {
    try read { db in
      var texts = ArticleTextCache()
      return try Row.fetchAll(
        db, sql: "SELECT rule, start, end, message FROM extraction_diagnostic WHERE article_id = ? ORDER BY start",
        arguments: [id]
      ).compactMap { d in
        guard let q = try texts.quote(id, start: d["start"], end: d["end"], db: db) else { return nil }
        return .init(field: d["message"], document: id, start: q.start, end: q.end, text: q.text, rule: d["rule"])
      }
    }
  }

  /// Event ids whose sources include this article.
  public func eventIDs(article id: String) throws -> [String] {
    try read { db in
      try Int64.fetchAll(
        db, sql: "SELECT DISTINCT event_seq FROM event_source WHERE article_id = ? ORDER BY event_seq", arguments: [id]
      ).map(Self.eventID)
    }
  }
}

/// An event with the words behind each field, for `sitrep explain`.
public struct EventExplanation: Sendable, Codable {
  public struct Item: Sendable, Codable, Hashable {
    public var field: String
    public var document: String
    public var start: Int
    public var end: Int
    public var text: String
    public var rule: String
  }

  public var event: EventRecord
  public var evidence: [Item]
  public var casualtyClaims: [Item]

  enum CodingKeys: String, CodingKey {
    case event, evidence
    case casualtyClaims = "casualty_claims"
  }
}

/// Article texts and offset maps, loaded once per export.
struct ArticleTextCache {
  /// The quoted text and code-point offsets of a stored UTF-8 range.
  mutating func quote(_ id: String, start: Int, end: Int, db: Database) throws -> (text: String, start: Int, end: Int)? {
    guard let (text, map) = try get(id, db: db) else { return nil }
    let r = TextRange(start: UInt32(start), end: UInt32(end))
    return (String(text[utf8: r]), map.codePoint(r.start), map.codePoint(r.end))
  }

  private var cache: [String: (String, OffsetMap)] = [:]

  mutating func get(_ id: String, db: Database) throws -> (String, OffsetMap)? {
    if let hit = cache[id] { return hit }
    guard let text = try String.fetchOne(db, sql: "SELECT text FROM article WHERE id = ?", arguments: [id]) else {
      return nil
    }
    if cache.count > 256 { cache.removeAll() }
    let entry = (text, OffsetMap(text))
    cache[id] = entry
    return entry
  }
}
