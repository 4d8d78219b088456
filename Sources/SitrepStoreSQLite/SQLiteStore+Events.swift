import Foundation
import GRDB
import SitrepModel
import SitrepResolve

extension SQLiteStore {
  /// Articles whose current content has not been through `extractor` yet.
  public func articlesNeedingExtraction(extractor: String, all: Bool = false) throws -> [String] {
    try read { db in
      if all { return try String.fetchAll(db, sql: "SELECT id FROM article ORDER BY seq") }
      return try String.fetchAll(try db.cachedStatement(sql: """
          SELECT a.id FROM article a LEFT JOIN article_extraction x ON x.article_id = a.id
          WHERE x.article_id IS NULL OR x.content_hash <> a.content_hash OR x.extractor <> ?
          ORDER BY a.seq
          """), arguments: [extractor])
    }
  }

  /// Replaces everything extraction stored for these articles with the new
  /// results, in one transaction.
  public func saveExtractions(_ results: [(article: Article, extraction: Extraction)], extractor: String) throws {
    let now = Self.timestamp()
    try writeOrThrow { db in
      var newReports: [Int64] = []
      // the incident each old report belonged to, so that the same report extracted again stays in it
      var previous: [String: Int64] = [:]
      let old = try db.cachedStatement(
        sql: """
          SELECT m.incident_id, e.sentence_start, e.date FROM incident_member m JOIN event e ON e.seq = m.event_seq
          WHERE e.seq IN (SELECT event_seq FROM event_source WHERE article_id = ?)
          """)
      let dirty = try db.cachedStatement(sql: "UPDATE incident SET summarized = 0 WHERE id = ?")
      for (article, x) in results {
        // the article's old reports go; their incidents are re-merged from what remains
        for r in try Row.fetchAll(old, arguments: [article.id]) {
          let incident: Int64 = r["incident_id"]
          try dirty.execute(arguments: [incident])
          previous[Self.reportKey(article: article.id, sentence: r["sentence_start"], date: r["date"])] = incident
          previous["\(article.id)#\(r["date"] as String)"] = previous["\(article.id)#\(r["date"] as String)"] ?? incident
        }
        try db.cachedStatement(sql: "DELETE FROM event WHERE seq IN (SELECT event_seq FROM event_source WHERE article_id = ?)").execute(arguments: [article.id])
        try db.cachedStatement(sql: "DELETE FROM extraction_diagnostic WHERE article_id = ?").execute(arguments: [article.id])
        for e in x.events {
          let weapons = String(decoding: try JSONEncoder().encode(e.weapons), as: UTF8.self)
          try db.cachedStatement(sql: """
              INSERT INTO event (event_type, sub_event_type, date, date_precision, location_name, country, admin1, lat,
                lon, geo_precision, place_id, actor1, actor1_id, actor2, actor2_id, weapons, fatalities, injuries,
                certainty, background, summary, created_at, day_lo, day_hi, actor1_side, actor2_side, sentence_start)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """).execute(arguments: [
              e.eventType, e.subEventType, e.date.iso, e.date.precision.rawValue, e.place.name, e.place.country,
              e.place.admin1, e.place.lat, e.place.lon, e.place.precision, e.place.placeID, e.actor1?.name,
              e.actor1?.id, e.actor2?.name, e.actor2?.id, weapons, e.fatalities, e.injuries, e.certainty,
              e.background, e.summary, now, e.date.interval.lowerBound, e.date.interval.upperBound, e.actor1?.side,
              e.actor2?.side, Int(e.sources.first?.sentence.start ?? 0),
            ])
          let seq = db.lastInsertedRowID
          newReports.append(seq)
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
        try db.cachedStatement(sql: """
            INSERT INTO article_extraction (article_id, content_hash, extractor, extracted_at, events, rejected)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(article_id) DO UPDATE SET content_hash = excluded.content_hash, extractor = excluded.extractor,
              extracted_at = excluded.extracted_at, events = excluded.events, rejected = excluded.rejected
            """).execute(arguments: [article.id, article.contentHash, extractor, now, x.events.count, x.diagnostics.count])
      }
      try resolveIncidents(around: newReports, previous: previous, db: db)
      try refreshIncidentSummaries(db)
    }
  }

  public func eventCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
  }

  /// Every event (incident) as the JSONL contract writes it, in id order, one
  /// at a time: memory stays flat however many events there are.
  public func forEachEventRecord(_ body: (EventRecord) throws -> Void) throws {
    try forEachEventRecord(matching: EventFilter(), order: .id, body)
  }

  /// The merged record of one incident: the most precise date and place any
  /// source gives, the lowest casualty figures, every source, and every
  /// disagreement between sources.
  func incidentRecord(_ id: Int64, db: Database, texts: inout ArticleTextCache) throws -> EventRecord? {
    let rows = try Row.fetchAll(try db.cachedStatement(sql: """
        SELECT e.*, (SELECT article_id FROM event_source s WHERE s.event_seq = e.seq ORDER BY rowid LIMIT 1) AS article_id
        FROM incident_member m JOIN event e ON e.seq = m.event_seq WHERE m.incident_id = ? ORDER BY e.seq
        """), arguments: [id])
    guard !rows.isEmpty else { return nil }
    let sourceStatement = try db.cachedStatement(
      sql: "SELECT article_id, start, end, reported_by FROM event_source WHERE event_seq = ? ORDER BY rowid")
    var reports: [EventRecord] = []
    var articles: [String] = []
    for row in rows {
      var list: [EventRecord.Source] = []
      for s in try Row.fetchAll(sourceStatement, arguments: [row["seq"] as Int64]) {
        let article: String = s["article_id"]
        guard let q = try texts.quote(article, start: s["start"], end: s["end"], db: db) else { continue }
        list.append(.init(document: article, start: q.start, end: q.end, text: q.text, reportedBy: s["reported_by"]))
      }
      reports.append(Self.record(row, sources: list))
      articles.append(row["article_id"] ?? "")
    }
    var merged = Self.merge(reports, articles: articles)
    merged.id = Self.eventID(id)
    // near-copies of one article count as one source
    let originals = try Set(articles.map { a in
      try String.fetchOne(try db.cachedStatement(sql: "SELECT original_id FROM duplicate WHERE article_id = ?"), arguments: [a]) ?? a
    })
    merged.sourceCount = originals.count
    // the analyst's word wins over the sources
    if let review = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT review_status, overrides FROM incident WHERE id = ?"), arguments: [id])
    {
      merged.review = review["review_status"]
      if let json: String = review["overrides"], let o = try? JSONDecoder().decode(EventOverrides.self, from: Data(json.utf8)) {
        o.apply(to: &merged)
      }
    }
    merged.summary = merged.generatedSummary
    return merged
  }

  static let certaintyRank = ["disputed": 4, "confirmed": 3, "claimed": 2, "reported": 1, "alleged": 0]

  /// Folds the reports of one incident into one record.
  static func merge(_ reports: [EventRecord], articles: [String]) -> EventRecord {
    let byDate = reports.indices.sorted { i, j in
      let a = reports[i].date.count
      let b = reports[j].date.count
      return a != b ? a > b : i < j
    }
    var m = reports[byDate[0]]
    if let best = reports.max(by: { GeoPrecision.rank($0.location.precision) < GeoPrecision.rank($1.location.precision) }) {
      m.location = best.location
    }
    // the most specific perpetrator any source names (a faction over its umbrella)
    let named = byDate.compactMap { reports[$0].actor1 }
    m.actor1 = named.first { a in named.contains { $0 != a && a.name.contains(baseName($0.name)) } } ?? named.first
    m.actor2 = byDate.lazy.compactMap { reports[$0].actor2 }.first
    m.weapons = reports.flatMap(\.weapons).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    m.fatalities = reports.compactMap(\.fatalities).min()
    m.injuries = reports.compactMap(\.injuries).min()
    m.certainty = reports.map(\.certainty).max { (certaintyRank[$0] ?? 0) < (certaintyRank[$1] ?? 0) } ?? m.certainty
    m.background = reports.allSatisfy(\.background)
    m.sources = reports.flatMap(\.sources)
    m.contradictions = contradictions(reports, articles: articles)
    return m
  }

  /// The base name of an exported actor ("IDF (Israel)" → "IDF").
  static func baseName(_ name: String) -> String {
    String(name.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
  }

  /// Whether one actor is the other or part of it, judged from the exported names.
  static func isLineage(_ a: String, _ b: String) -> Bool {
    a == b || a.contains(baseName(b)) || b.contains(baseName(a))
  }

  /// The fields on which the reports of one incident disagree.
  static func contradictions(_ reports: [EventRecord], articles: [String]) -> [EventRecord.Contradiction] {
    guard reports.count > 1 else { return [] }
    var out: [EventRecord.Contradiction] = []
    func check(_ field: String, _ value: (EventRecord) -> String?) {
      let claims = zip(reports, articles).compactMap { r, a in value(r).map { EventRecord.Contradiction.Claim(value: $0, document: a) } }
      if Set(claims.map(\.value)).count > 1 { out.append(.init(field: field, claims: claims)) }
    }
    check("fatalities") { $0.fatalities.map(String.init) }
    check("injuries") { $0.injuries.map(String.init) }
    check("date") { $0.datePrecision == "day" ? $0.date : nil }
    check("location") { ["site", "locality"].contains($0.location.precision) ? $0.location.name : nil }
    // perpetrators disagree when neither is a part of the other ("Kata'ib Hezbollah (… Iran-backed militias)")
    let perpetrators = Array(Set(reports.compactMap { $0.actor1?.name }))
    let related = perpetrators.allSatisfy { a in perpetrators.allSatisfy { b in isLineage(a, b) } }
    if !related { check("actor1") { $0.actor1?.name } }
    if reports.contains(where: { $0.certainty == "disputed" }) && reports.contains(where: { $0.certainty != "disputed" }) {
      check("occurred") { $0.certainty == "disputed" ? "denied" : "reported" }
    }
    return out
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

  /// One event (incident) with every piece of evidence of every report, quoted,
  /// and why its reports were taken as one incident.
  public func explain(eventID: String) throws -> EventExplanation? {
    guard let id = Self.eventSeq(eventID) else { return nil }
    return try read { db in
      var texts = ArticleTextCache()
      guard let record = try incidentRecord(id, db: db, texts: &texts) else { return nil }
      let seqs = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT event_seq FROM incident_member WHERE incident_id = ? ORDER BY event_seq"), arguments: [id])
      var evidence: [EventExplanation.Item] = []
      var claims: [EventExplanation.Item] = []
      var members: [EventExplanation.Member] = []
      for seq in seqs {
        for e in try Row.fetchAll(try db.cachedStatement(sql: "SELECT article_id, field, start, end, rule FROM evidence WHERE event_seq = ? ORDER BY rowid"), arguments: [seq])
        {
          let article: String = e["article_id"]
          guard let q = try texts.quote(article, start: e["start"], end: e["end"], db: db) else { continue }
          evidence.append(.init(field: e["field"], document: article, start: q.start, end: q.end, text: q.text, rule: e["rule"]))
        }
        for c in try Row.fetchAll(try db.cachedStatement(sql: "SELECT article_id, kind, count, start, end, rule FROM casualty_claim WHERE event_seq = ? ORDER BY rowid"), arguments: [seq])
        {
          let article: String = c["article_id"]
          guard let q = try texts.quote(article, start: c["start"], end: c["end"], db: db) else { continue }
          claims.append(
            .init(field: "\(c["kind"] as String) = \(c["count"] as Int)", document: article, start: q.start, end: q.end, text: q.text, rule: c["rule"]))
        }
        if let r = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM event WHERE seq = ?"), arguments: [seq]) {
          let article = try String.fetchOne(try db.cachedStatement(sql: "SELECT article_id FROM event_source WHERE event_seq = ? ORDER BY rowid LIMIT 1"), arguments: [seq]) ?? ""
          members.append(
            .init(report: seq, document: article, date: r["date"], location: r["location_name"], precision: r["geo_precision"],
                  eventType: r["event_type"], subEventType: r["sub_event_type"], actor1: r["actor1"], fatalities: r["fatalities"]))
        }
      }
      // why the reports are one incident: each compared with the first, or the analyst's word
      let reportRows = try Row.fetchAll(try db.cachedStatement(sql: Self.reportSQL + " WHERE m.incident_id = ? ORDER BY e.seq"), arguments: [id])
      var resolution: [String] = []
      if let first = reportRows.first {
        let resolver = IncidentResolver()
        for r in reportRows.dropFirst() {
          let a = Self.report(first)
          let b = Self.report(r)
          let (x, y) = (min(Self.reportKey(first), Self.reportKey(r)), max(Self.reportKey(first), Self.reportKey(r)))
          let analyst = try String.fetchOne(try db.cachedStatement(sql: "SELECT kind FROM resolution_link WHERE a = ? AND b = ?"), arguments: [x, y])
          let why = analyst == "same" ? "an analyst merged them" : resolver.conflict(a, b).map { "joined through another report (direct: \($0))" } ?? resolver.agreement(a, b)
          resolution.append("report \(b.seq) (\(b.article)) with report \(a.seq) (\(a.article)): \(why)")
        }
      }
      var explanation = EventExplanation(event: record, evidence: evidence, casualtyClaims: claims, reports: members)
      explanation.resolution = resolution
      explanation.reviews = try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM review_action WHERE event_id = ? OR before LIKE ? OR after LIKE ? ORDER BY id"), arguments: [eventID, "%\(eventID)%", "%\(eventID)%"]
      ).map(Self.reviewAction)
      return explanation
    }
  }

  /// What extraction rejected in one article, and why.
  public func diagnostics(article id: String) throws -> [EventExplanation.Item] {
    try read { db in
      var texts = ArticleTextCache()
      return try Row.fetchAll(try db.cachedStatement(sql: "SELECT rule, start, end, message FROM extraction_diagnostic WHERE article_id = ? ORDER BY start"), arguments: [id]
      ).compactMap { d in
        guard let q = try texts.quote(id, start: d["start"], end: d["end"], db: db) else { return nil }
        return .init(field: d["message"], document: id, start: q.start, end: q.end, text: q.text, rule: d["rule"])
      }
    }
  }

  /// Event ids whose sources include this article.
  public func eventIDs(article id: String) throws -> [String] {
    try read { db in
      try Int64.fetchAll(try db.cachedStatement(sql: """
          SELECT DISTINCT m.incident_id FROM event_source s JOIN incident_member m ON m.event_seq = s.event_seq
          WHERE s.article_id = ? ORDER BY m.incident_id
          """), arguments: [id]
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

  /// One article's report of the incident (the incident merges them).
  public struct Member: Sendable, Codable, Hashable {
    public var report: Int64
    public var document: String
    public var date: String
    public var location: String
    public var precision: String
    public var eventType: String
    public var subEventType: String
    public var actor1: String?
    public var fatalities: Int?

    enum CodingKeys: String, CodingKey {
      case report, document, date, location, precision, actor1, fatalities
      case eventType = "event_type"
      case subEventType = "sub_event_type"
    }
  }

  public var event: EventRecord
  public var evidence: [Item]
  public var casualtyClaims: [Item]
  /// The per-article reports merged into this event.
  public var reports: [Member]
  /// Why the reports were taken as one incident, one line per report after the first.
  public var resolution: [String] = []
  /// Analyst actions on this event.
  public var reviews: [ReviewAction] = []

  enum CodingKeys: String, CodingKey {
    case event, evidence, reports, resolution, reviews
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
    guard let text = try String.fetchOne(try db.cachedStatement(sql: "SELECT text FROM article WHERE id = ?"), arguments: [id]) else {
      return nil
    }
    if cache.count > 256 { cache.removeAll() }
    let entry = (text, OffsetMap(text))
    cache[id] = entry
    return entry
  }
}
