import Foundation
import GRDB
import SitrepModel
import SitrepResolve

extension SQLiteStore {
  /// Re-resolves the incidents around these new reports: every report whose
  /// dates overlap theirs (±1 day) is clustered again, with the analyst's
  /// decisions about them, and memberships are updated. An incident keeps its
  /// id as reports join it (the oldest id of a merged cluster survives);
  /// incidents left without reports are removed. Every incident touched is
  /// marked for its merged fields to be recomputed.
  ///
  /// `previous` maps reports that re-extraction replaced (`article@sentence`,
  /// else `article#date`) to their incident, so a report extracted again
  /// keeps its event id.
  func resolveIncidents(around seqs: [Int64], previous: [String: Int64] = [:], db: Database) throws {
    guard !seqs.isEmpty else { return try deleteEmptyIncidents(db) }
    var windows: [(Int, Int)] = []
    let bounds = try db.cachedStatement(sql: "SELECT day_lo, day_hi FROM event WHERE seq = ?")
    for seq in seqs {
      if let r = try Row.fetchOne(bounds, arguments: [seq]) { windows.append(((r["day_lo"] as Int) - 1, (r["day_hi"] as Int) + 1)) }
    }
    // merge overlapping windows, then gather every report in them
    windows.sort { $0.0 < $1.0 }
    var merged: [(Int, Int)] = []
    for w in windows {
      if let last = merged.last, w.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, w.1) } else { merged.append(w) }
    }
    var reportRows: [Row] = []
    for (lo, hi) in merged {
      reportRows += try Row.fetchAll(try db.cachedStatement(sql: Self.reportSQL + " WHERE e.day_hi >= ? AND e.day_lo <= ? ORDER BY e.seq"), arguments: [lo, hi])
    }
    var seen = Set<Int64>()
    reportRows = reportRows.filter { seen.insert($0["seq"]).inserted }
    let (links, all) = try analystLinks(for: reportRows, db: db)
    reportRows = all
    let reports: [Report] = reportRows.map(Self.report)
    // the incident a report is in, or was in before re-extraction replaced it
    let current: [Int64?] = reportRows.map { r in
      (r["incident_id"] as Int64?) ?? previous[Self.reportKey(r)] ?? previous["\(r["article_id"] as String)#\(r["date"] as String)"]
    }
    let clusters = IncidentResolver().resolve(reports, links: links)
    let now = Self.timestamp()
    let setMember = try db.cachedStatement(
      sql: "INSERT INTO incident_member (event_seq, incident_id) VALUES (?, ?) ON CONFLICT(event_seq) DO UPDATE SET incident_id = excluded.incident_id")
    let markDirty = try db.cachedStatement(sql: "UPDATE incident SET summarized = 0 WHERE id = ?")
    var used = Set<Int64>()
    for id in Set(current.compactMap { $0 }) { try markDirty.execute(arguments: [id]) }
    // clusters holding the oldest existing incidents choose first, so ids stay put; on a tie (a split)
    // the larger cluster, then the one with the earliest report, keeps the id
    func key(_ c: [Int]) -> (Int64, Int, Int64) {
      (c.compactMap { current[$0] }.min() ?? .max, -c.count, c.map { reports[$0].seq }.min() ?? 0)
    }
    let ordered = clusters.sorted { key($0) < key($1) }
    for cluster in ordered {
      let existing = cluster.compactMap { current[$0] }.filter { !used.contains($0) }
      let id: Int64
      if let keep = existing.min() {
        id = keep
        try markDirty.execute(arguments: [id])
      } else {
        try db.cachedStatement(sql: "INSERT INTO incident (created_at) VALUES (?)").execute(arguments: [now])
        id = db.lastInsertedRowID
      }
      used.insert(id)
      for i in cluster { try setMember.execute(arguments: [reports[i].seq, id]) }
    }
    try deleteEmptyIncidents(db)
  }

  /// A report and its article, its article's original, and its incident.
  static let reportSQL = """
    SELECT e.*, s.article_id, COALESCE(d.original_id, s.article_id) AS original, m.incident_id
    FROM event e
    JOIN event_source s ON s.rowid = (SELECT min(rowid) FROM event_source f WHERE f.event_seq = e.seq)
    LEFT JOIN duplicate d ON d.article_id = s.article_id
    LEFT JOIN incident_member m ON m.event_seq = e.seq
    """

  static func report(_ r: Row) -> Report {
    Report(
      seq: r["seq"], article: r["article_id"], originalArticle: r["original"], sentenceStart: r["sentence_start"],
      eventType: r["event_type"], subEventType: r["sub_event_type"], date: fuzzyDate(r["date"]),
      country: r["country"], lat: r["lat"], lon: r["lon"], precision: r["geo_precision"],
      actor1Side: r["actor1_side"], actor2Side: r["actor2_side"])
  }

  /// The key an analyst's decision names a report by: its article and the
  /// start of its first sentence, stable across re-extraction of unchanged text.
  static func reportKey(_ r: Row) -> String { reportKey(article: r["article_id"], sentence: r["sentence_start"], date: r["date"]) }

  /// `article@sentence/date`: one sentence can report incidents on several dates.
  static func reportKey(article: String, sentence: Int, date: String) -> String { "\(article)@\(sentence)/\(date)" }

  /// The parts of a report key.
  static func parseReportKey(_ k: String) -> (article: String, sentence: Int, date: String)? {
    guard let at = k.lastIndex(of: "@") else { return nil }
    let rest = k[k.index(after: at)...].split(separator: "/", maxSplits: 1)
    guard rest.count == 2, let start = Int(rest[0]) else { return nil }
    return (String(k[..<at]), start, String(rest[1]))
  }

  /// The analyst's links among these reports, adding the reports that a
  /// `same` link ties them to even when those lie outside the date window.
  func analystLinks(for rows: [Row], db: Database) throws -> (AnalystLinks, [Row]) {
    var rows = rows
    var index: [String: Int] = [:]
    for (i, r) in rows.enumerated() { index[Self.reportKey(r)] = i }
    guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM resolution_link)")) == true else {
      return (AnalystLinks(), rows)
    }
    let linksOf = try db.cachedStatement(sql: "SELECT a, b, kind FROM resolution_link WHERE a = ? OR b = ?")
    var pending = Array(index.keys)
    var found: [(String, String, String)] = []
    var visited = Set<String>()
    while let key = pending.popLast() {
      guard visited.insert(key).inserted else { continue }
      for l in try Row.fetchAll(linksOf, arguments: [key, key]) {
        let a: String = l["a"]
        let b: String = l["b"]
        let kind: String = l["kind"]
        found.append((a, b, kind))
        for k in [a, b] where index[k] == nil && kind == "same" {
          guard let key = Self.parseReportKey(k) else { continue }
          if let r = try Row.fetchOne(
            try db.cachedStatement(
              sql: Self.reportSQL + " WHERE s.article_id = ? AND e.sentence_start = ? AND e.date = ? ORDER BY e.seq LIMIT 1"),
            arguments: [key.article, key.sentence, key.date])
          {
            index[k] = rows.count
            rows.append(r)
            pending.append(k)
          }
        }
      }
    }
    var links = AnalystLinks()
    for (a, b, kind) in Set(found.map { "\($0.0)\t\($0.1)\t\($0.2)" }).sorted().map({ $0.split(separator: "\t").map(String.init) })
      .map({ ($0[0], $0[1], $0[2]) })
    {
      guard let x = index[a], let y = index[b] else { continue }
      if kind == "same" { links.same.append((x, y)) } else { links.different.insert(.init(x, y)) }
    }
    return (links, rows)
  }

  /// Removes incidents without reports, with their spatial and text index rows.
  func deleteEmptyIncidents(_ db: Database) throws {
    let empty = "SELECT id FROM incident WHERE id NOT IN (SELECT incident_id FROM incident_member)"
    try db.execute(sql: "DELETE FROM incident_rtree WHERE id IN (\(empty))")
    try db.execute(sql: "DELETE FROM incident_fts WHERE rowid IN (\(empty))")
    try db.execute(sql: "DELETE FROM incident WHERE id IN (\(empty))")
  }

  /// Recomputes the stored merged fields, weapons, R*Tree box and full-text
  /// body of every incident marked as changed.
  func refreshIncidentSummaries(_ db: Database) throws {
    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM incident WHERE summarized = 0 ORDER BY id")
    guard !ids.isEmpty else { return }
    var texts = ArticleTextCache()
    let update = try db.cachedStatement(
      sql: """
        UPDATE incident SET summarized = 1, event_type = ?, sub_event_type = ?, date = ?, date_precision = ?, day_lo = ?,
          day_hi = ?, location_name = ?, country = ?, admin1 = ?, lat = ?, lon = ?, geo_precision = ?, actor1 = ?,
          actor1_id = ?, actor2 = ?, actor2_id = ?, weapons = ?, fatalities = ?, injuries = ?, certainty = ?,
          background = ?, source_count = ?, contradictions = ?, summary = ?
        WHERE id = ?
        """)
    let weapon = try db.cachedStatement(sql: "INSERT OR IGNORE INTO incident_weapon (incident_id, weapon) VALUES (?, ?)")
    let box = try db.cachedStatement(
      sql: "INSERT INTO incident_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)")
    let fts = try db.cachedStatement(sql: "INSERT INTO incident_fts (rowid, body) VALUES (?, ?)")
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let listingEncoder = Self.listingEncoder()
    let listing = try db.cachedStatement(sql: "SELECT * FROM incident WHERE id = ?")
    let rowJSON = try db.cachedStatement(sql: "UPDATE incident SET row_json = ? WHERE id = ?")
    for id in ids {
      try db.cachedStatement(sql: "DELETE FROM incident_weapon WHERE incident_id = ?").execute(arguments: [id])
      try db.cachedStatement(sql: "DELETE FROM incident_rtree WHERE id = ?").execute(arguments: [id])
      try db.cachedStatement(sql: "DELETE FROM incident_fts WHERE rowid = ?").execute(arguments: [id])
      guard let r = try incidentRecord(id, db: db, texts: &texts) else { continue }
      let days = FuzzyDate.parse(r.date)?.interval
      try update.execute(arguments: [
        r.eventType, r.subEventType, r.date, r.datePrecision, days?.lowerBound, days?.upperBound, r.location.name,
        r.location.country, r.location.admin1, r.location.lat, r.location.lon, r.location.precision, r.actor1?.name,
        r.actor1?.id, r.actor2?.name, r.actor2?.id, String(decoding: try encoder.encode(r.weapons), as: UTF8.self),
        r.fatalities, r.injuries, r.certainty, r.background, r.sourceCount,
        r.contradictions.isEmpty ? nil : String(decoding: try encoder.encode(r.contradictions), as: UTF8.self),
        r.summary, id,
      ])
      if let row = try Row.fetchOne(listing, arguments: [id]) {
        try rowJSON.execute(arguments: [String(decoding: try listingEncoder.encode(Self.eventRow(row)), as: UTF8.self), id])
      }
      for w in r.weapons { try weapon.execute(arguments: [id, w]) }
      if let lat = r.location.lat, let lon = r.location.lon { try box.execute(arguments: [id, lat, lat, lon, lon]) }
      var body = r.sources.map(\.text) + [r.summary, r.location.name]
      body += [r.actor1?.name, r.actor2?.name, r.location.admin1].compactMap { $0 }
      body += r.sources.compactMap(\.reportedBy)
      try fts.execute(arguments: [id, body.joined(separator: "\n")])
    }
  }

  static func fuzzyDate(_ iso: String) -> FuzzyDate {
    FuzzyDate.parse(iso) ?? FuzzyDate(year: 0, month: nil, day: nil)
  }

  public func incidentCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") ?? 0 }
  }
}
