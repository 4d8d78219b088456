import Foundation
import GRDB
import SitrepModel

/// Sitrep's embedded store: one SQLite file through GRDB.
///
/// WAL mode with concurrent readers (`DatabasePool`), foreign keys on,
/// versioned migrations, FTS5 over article text. One instance per file;
/// share it.
public final class SQLiteStore: ArticleStore, Sendable {
  let pool: DatabasePool
  public let path: String
  /// Test hook: called after each article of a batch is written, inside the
  /// transaction; throwing from it aborts the batch.
  let afterEachWrite: (@Sendable (Int) throws -> Void)?

  /// Opens (creating if needed) the database at `path` and migrates it.
  /// - Throws: ``SitrepError`` with code `.database` naming the file.
  public convenience init(path: String) throws {
    try self.init(path: path, afterEachWrite: nil)
  }

  @_spi(Testing)
  public init(path: String, afterEachWrite: (@Sendable (Int) throws -> Void)?) throws {
    self.path = path
    self.afterEachWrite = afterEachWrite
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(10)
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      db.add(function: SQLiteStore.kmFunction)
    }
    do {
      let dir = (path as NSString).deletingLastPathComponent
      if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
        throw SitrepError(.database, "the folder for the database does not exist", at: path)
      }
      pool = try DatabasePool(path: path, configuration: config)
      try Schema.migrator.migrate(pool)
      // incidents whose merged fields were never computed (a database from before v5)
      if try pool.read({ try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM incident WHERE summarized = 0)") }) == true {
        try pool.write { try self.refreshIncidentSummaries($0) }
      }
    } catch let error as SitrepError {
      throw error
    } catch let error as DatabaseError {
      if error.resultCode == .SQLITE_NOTADB {
        throw SitrepError(.database, "not a Sitrep database (not SQLite at all)", at: path)
      }
      throw SitrepError(.database, "cannot open the database: \(error.message ?? "\(error)")", at: path)
    } catch {
      throw SitrepError(.database, "cannot open the database: \(error)", at: path)
    }
  }

  // MARK: Writing

  public func write(_ batch: [PreparedArticle]) throws -> [ArticleOutcome] {
    let now = Self.timestamp()
    do {
      return try pool.write { db in
        var outcomes: [ArticleOutcome] = []
        outcomes.reserveCapacity(batch.count)
        for (i, item) in batch.enumerated() {
          outcomes.append(try write(item, now: now, db: db))
          try afterEachWrite?(i)
        }
        return outcomes
      }
    } catch let error as SitrepError {
      throw error
    } catch let error as DatabaseError {
      throw SitrepError(.database, "batch not stored (rolled back): \(error.message ?? "\(error)")", at: path)
    }
  }

  private func write(_ item: PreparedArticle, now: String, db: Database) throws -> ArticleOutcome {
    let a = item.article
    let existing = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, content_hash FROM article WHERE id = ?"), arguments: [a.id])
    let change: ArticleOutcome.Change
    if let existing {
      if (existing["content_hash"] as String) == item.contentHash {
        return ArticleOutcome(id: a.id, change: .unchanged)
      }
      change = .replaced
      let rowid: Int64 = existing["seq"]
      try db.cachedStatement(sql: """
          UPDATE article SET text = ?, title = ?, url = ?, outlet = ?, published = ?, content_hash = ?,
            origin = ?, minhash = ?, char_count = ?, updated_at = ?, version = version + 1
          WHERE seq = ?
          """).execute(arguments: [
          a.text, a.title, a.url, a.outlet, a.published?.iso8601, item.contentHash, a.origin,
          item.signature.map { Data($0.bytes) }, a.text.unicodeScalars.count, now, rowid,
        ])
      try db.cachedStatement(sql: "DELETE FROM furniture WHERE article_id = ?").execute(arguments: [a.id])
      try db.cachedStatement(sql: "DELETE FROM article_lsh WHERE article_id = ?").execute(arguments: [a.id])
      try db.cachedStatement(sql: "DELETE FROM duplicate WHERE article_id = ?").execute(arguments: [a.id])
    } else {
      change = .new
      try db.cachedStatement(sql: """
          INSERT INTO article (id, text, title, url, outlet, published, content_hash, origin, minhash,
            char_count, ingested_at, updated_at, version)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
          """).execute(arguments: [
          a.id, a.text, a.title, a.url, a.outlet, a.published?.iso8601, item.contentHash, a.origin,
          item.signature.map { Data($0.bytes) }, a.text.unicodeScalars.count, now, now,
        ])
    }
    let furniture = try db.cachedStatement(
      sql: "INSERT INTO furniture (article_id, start, end, kind, rule) VALUES (?, ?, ?, ?, ?)")
    for span in a.furniture {
      try furniture.execute(arguments: [a.id, Int(span.range.start), Int(span.range.end), span.kind, span.rule])
    }
    var outcome = ArticleOutcome(id: a.id, change: change)
    if let signature = item.signature {
      let lsh = try db.cachedStatement(sql: "INSERT INTO article_lsh (band, bucket, article_id) VALUES (?, ?, ?)")
      for (band, key) in signature.bandKeys.enumerated() {
        try lsh.execute(arguments: [band, key, a.id])
      }
      if let (original, similarity) = try nearestOriginal(of: a.id, signature: signature, db: db) {
        let link = try db.cachedStatement(
          sql: "INSERT INTO duplicate (article_id, original_id, similarity, method) VALUES (?, ?, ?, 'minhash-3shingle.v1')")
        if try precedes(a.id, original, db: db) {
          // this article was published before the stored "original": it becomes the
          // original, and the earlier one and its copies point at it
          try db.cachedStatement(sql: "UPDATE duplicate SET original_id = ? WHERE original_id = ?").execute(arguments: [a.id, original])
          try link.execute(arguments: [original, a.id, similarity])
          outcome.displaced = original
        } else {
          try link.execute(arguments: [a.id, original, similarity])
          outcome.duplicateOf = original
        }
        outcome.similarity = similarity
      }
    }
    return outcome
  }

  /// Near-duplicate threshold on estimated Jaccard similarity of word 3-shingles.
  public static let duplicateThreshold = 0.7

  /// The original (an article that is not itself a copy) this signature is a
  /// near-copy of: the most similar one, ties to the earliest stored.
  private func nearestOriginal(of id: String, signature: MinHashSignature, db: Database) throws -> (String, Double)? {
    let lookup = try db.cachedStatement(
      sql: "SELECT DISTINCT article_id FROM article_lsh WHERE band = ? AND bucket = ? AND article_id <> ?")
    var candidates = Set<String>()
    for (band, key) in signature.bandKeys.enumerated() {
      candidates.formUnion(try String.fetchAll(lookup, arguments: [band, key, id]))
    }
    guard !candidates.isEmpty else { return nil }
    let fetch = try db.cachedStatement(
      sql: """
        SELECT a.seq, a.minhash, d.original_id FROM article a LEFT JOIN duplicate d ON d.article_id = a.id
        WHERE a.id = ?
        """)
    var best: (id: String, similarity: Double, seq: Int64)?
    var originals: [String: Double] = [:]
    for candidate in candidates.sorted() {
      guard let row = try Row.fetchOne(fetch, arguments: [candidate]),
        let data: Data = row["minhash"], let other = MinHashSignature(bytes: [UInt8](data))
      else { continue }
      let similarity = signature.similarity(to: other)
      guard similarity >= Self.duplicateThreshold else { continue }
      // a copy stands for its original
      let target: String = (row["original_id"] as String?) ?? candidate
      guard target != id else { continue }
      originals[target] = max(originals[target] ?? 0, similarity)
    }
    for (target, similarity) in originals {
      let seq = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT seq FROM article WHERE id = ?"), arguments: [target]) ?? .max
      if let b = best, (b.similarity, -b.seq) >= (similarity, -seq) { continue }
      best = (target, similarity, seq)
    }
    return best.map { ($0.id, $0.similarity) }
  }

  /// Whether article `a` was published strictly before `b` (undated articles come last).
  private func precedes(_ a: String, _ b: String, db: Database) throws -> Bool {
    let sql = "SELECT published FROM article WHERE id = ?"
    guard let pa = try String.fetchOne(try db.cachedStatement(sql: sql), arguments: [a]) else { return false }
    guard let pb = try String.fetchOne(try db.cachedStatement(sql: sql), arguments: [b]) else { return true }
    return pa.prefix(10) < pb.prefix(10)
  }

  static func timestamp(_ date: Date = Date()) -> String {
    date.formatted(.iso8601)
  }
}
