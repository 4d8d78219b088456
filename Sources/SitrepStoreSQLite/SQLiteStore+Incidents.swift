import Foundation
import GRDB
import SitrepModel
import SitrepResolve

extension SQLiteStore {
  /// Re-resolves the incidents around these new reports: every report whose
  /// dates overlap theirs (±1 day) is clustered again, and memberships are
  /// updated. An incident keeps its id as reports join it (the oldest id of
  /// a merged cluster survives); incidents left without reports are removed.
  func resolveIncidents(around seqs: [Int64], db: Database) throws {
    // reports removed by re-extraction leave empty incidents behind
    try db.execute(sql: "DELETE FROM incident WHERE id NOT IN (SELECT incident_id FROM incident_member)")
    guard !seqs.isEmpty else { return }
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
      reportRows += try Row.fetchAll(
        db,
        sql: """
          SELECT e.*, s.article_id, COALESCE(d.original_id, s.article_id) AS original, m.incident_id
          FROM event e
          JOIN (SELECT event_seq, MIN(rowid) AS first, article_id FROM event_source GROUP BY event_seq) s ON s.event_seq = e.seq
          LEFT JOIN duplicate d ON d.article_id = s.article_id
          LEFT JOIN incident_member m ON m.event_seq = e.seq
          WHERE e.day_hi >= ? AND e.day_lo <= ?
          ORDER BY e.seq
          """, arguments: [lo, hi])
    }
    var seen = Set<Int64>()
    reportRows = reportRows.filter { seen.insert($0["seq"]).inserted }
    let reports: [Report] = reportRows.map { r in
      Report(
        seq: r["seq"], article: r["article_id"], originalArticle: r["original"], sentenceStart: r["sentence_start"],
        eventType: r["event_type"], subEventType: r["sub_event_type"], date: Self.fuzzyDate(r["date"]),
        country: r["country"], lat: r["lat"], lon: r["lon"], precision: r["geo_precision"],
        actor1Side: r["actor1_side"], actor2Side: r["actor2_side"])
    }
    let clusters = IncidentResolver().resolve(reports)
    let now = Self.timestamp()
    let setMember = try db.cachedStatement(
      sql: "INSERT INTO incident_member (event_seq, incident_id) VALUES (?, ?) ON CONFLICT(event_seq) DO UPDATE SET incident_id = excluded.incident_id")
    var used = Set<Int64>()
    // clusters with the oldest existing incidents choose first, so ids stay put
    let ordered = clusters.sorted { a, b in
      let x = a.compactMap { reportRows[$0]["incident_id"] as Int64? }.min() ?? .max
      let y = b.compactMap { reportRows[$0]["incident_id"] as Int64? }.min() ?? .max
      return x < y
    }
    for cluster in ordered {
      let existing = cluster.compactMap { reportRows[$0]["incident_id"] as Int64? }.filter { !used.contains($0) }
      let id: Int64
      if let keep = existing.min() {
        id = keep
      } else {
        try db.execute(sql: "INSERT INTO incident (created_at) VALUES (?)", arguments: [now])
        id = db.lastInsertedRowID
      }
      used.insert(id)
      for i in cluster { try setMember.execute(arguments: [reports[i].seq, id]) }
    }
    try db.execute(sql: "DELETE FROM incident WHERE id NOT IN (SELECT incident_id FROM incident_member)")
  }

  static func fuzzyDate(_ iso: String) -> FuzzyDate {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    return FuzzyDate(year: parts.first ?? 0, month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
  }

  public func incidentCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") ?? 0 }
  }
}
