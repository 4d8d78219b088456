import Foundation
import GRDB
import SitrepModel

/// One stored article as listings show it.
public struct StoredArticle: Sendable, Codable, Hashable {
  public var id: String
  public var title: String?
  public var url: String?
  public var outlet: String?
  public var published: String?
  /// Length of the text in Unicode code points.
  public var characters: Int
  public var origin: String
  public var contentHash: String
  public var version: Int
  public var ingestedAt: String
  public var updatedAt: String
  /// The article this one is a near-copy of, if any.
  public var duplicateOf: String?
  /// For full-text search results: a snippet with the matches in [brackets].
  public var snippet: String?
  /// Present only when one article is shown.
  public var text: String?
  public var furniture: [StoredFurniture]?
  /// Articles that are near-copies of this one (only when one article is shown).
  public var copies: [String]?

  enum CodingKeys: String, CodingKey {
    case id, title, url, outlet, published, characters, origin, version, snippet, text, furniture, copies
    case contentHash = "content_hash"
    case ingestedAt = "ingested_at"
    case updatedAt = "updated_at"
    case duplicateOf = "duplicate_of"
  }
}

/// A furniture span with its offsets in Unicode code points (what users count).
public struct StoredFurniture: Sendable, Codable, Hashable {
  public var start: Int
  public var end: Int
  public var kind: String
  public var rule: String
  public var text: String
}

/// How an ingest run ended, for the ingest log.
public struct RunOutcome: Sendable {
  public enum Status: String, Sendable { case ok, partial, failed }
  public struct Issue: Sendable {
    public var location: String?
    public var code: String
    public var message: String
    public init(location: String?, code: String, message: String) {
      self.location = location
      self.code = code
      self.message = message
    }
  }

  public var status: Status
  public var files = 0
  public var articlesRead = 0
  public var new = 0
  public var unchanged = 0
  public var replaced = 0
  public var nearDuplicates = 0
  public var skipped: [Issue] = []
  public var warnings: [String] = []
  public var seconds = 0.0
  public var error: String?

  public init(status: Status) { self.status = status }
}

/// One row of the ingest log.
public struct IngestRunRecord: Sendable, Codable, Hashable {
  public var id: Int64
  public var startedAt: String
  public var finishedAt: String?
  public var inputs: String
  public var status: String
  public var new: Int
  public var unchanged: Int
  public var replaced: Int
  public var nearDuplicates: Int
  public var skipped: Int

  enum CodingKeys: String, CodingKey {
    case id, inputs, status, new, unchanged, replaced, skipped
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case nearDuplicates = "near_duplicates"
  }
}

extension SQLiteStore {
  static let listColumns = """
    a.id, a.title, a.url, a.outlet, a.published, a.char_count, a.origin, a.content_hash, a.version,
    a.ingested_at, a.updated_at, d.original_id
    """

  static func article(_ row: Row) -> StoredArticle {
    StoredArticle(
      id: row["id"], title: row["title"], url: row["url"], outlet: row["outlet"], published: row["published"],
      characters: row["char_count"], origin: row["origin"], contentHash: row["content_hash"], version: row["version"],
      ingestedAt: row["ingested_at"], updatedAt: row["updated_at"], duplicateOf: row["original_id"],
      snippet: row["snippet"])
  }

  /// Stored articles, newest publication first (undated last), optionally
  /// only those matching an FTS5 full-text query.
  /// - Parameter search: words to look for; plain words are matched as
  ///   terms (all of them), so user input never breaks FTS5 syntax.
  public func articles(search: String? = nil, limit: Int? = nil, offset: Int = 0) throws -> [StoredArticle] {
    try read { db in
      var arguments: StatementArguments = []
      var sql: String
      if let search, let match = Self.ftsQuery(search) {
        sql = """
          SELECT \(Self.listColumns), snippet(article_fts, 1, '[', ']', '…', 12) AS snippet
          FROM article_fts JOIN article a ON a.seq = article_fts.rowid
          LEFT JOIN duplicate d ON d.article_id = a.id
          WHERE article_fts MATCH ? ORDER BY bm25(article_fts), a.seq
          """
        arguments += [match]
      } else if search != nil {
        return []
      } else {
        sql = """
          SELECT \(Self.listColumns), NULL AS snippet FROM article a LEFT JOIN duplicate d ON d.article_id = a.id
          ORDER BY a.published IS NULL, a.published DESC, a.seq
          """
      }
      sql += " LIMIT ? OFFSET ?"
      arguments += [limit ?? -1, offset]
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.article)
    }
  }

  /// Turns what a user typed into an FTS5 query: each word quoted, all required.
  /// A trailing `*` on a word keeps prefix matching.
  static func ftsQuery(_ input: String) -> String? {
    let words = input.split(whereSeparator: { $0.isWhitespace }).compactMap { raw -> String? in
      var w = String(raw)
      let prefix = w.hasSuffix("*")
      if prefix { w.removeLast() }
      w = w.filter { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "-" }
      guard !w.isEmpty else { return nil }
      return "\"" + w.replacingOccurrences(of: "\"", with: "") + "\"" + (prefix ? "*" : "")
    }
    return words.isEmpty ? nil : words.joined(separator: " ")
  }

  /// One article with its text, furniture (code-point offsets) and copies.
  public func article(id: String) throws -> StoredArticle? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT \(Self.listColumns), a.text, NULL AS snippet FROM article a
            LEFT JOIN duplicate d ON d.article_id = a.id WHERE a.id = ?
            """, arguments: [id])
      else { return nil }
      var article = Self.article(row)
      let text: String = row["text"]
      article.text = text
      let map = OffsetMap(text)
      article.furniture = try Row.fetchAll(
        db, sql: "SELECT start, end, kind, rule FROM furniture WHERE article_id = ? ORDER BY start", arguments: [id]
      ).map { r in
        let range = TextRange(start: UInt32(r["start"] as Int), end: UInt32(r["end"] as Int))
        return StoredFurniture(
          start: map.codePoint(range.start), end: map.codePoint(range.end), kind: r["kind"], rule: r["rule"],
          text: String(text[utf8: range]))
      }
      article.copies = try String.fetchAll(
        db, sql: "SELECT article_id FROM duplicate WHERE original_id = ? ORDER BY article_id", arguments: [id])
      return article
    }
  }

  /// The stored text and furniture, for later pipeline stages.
  public func loadArticle(id: String) throws -> Article? {
    try loadArticles(ids: [id]).first
  }

  /// Several articles in one read, in the order asked (missing ids skipped).
  public func loadArticles(ids: [String]) throws -> [Article] {
    try read { db in
      let article = try db.cachedStatement(sql: "SELECT * FROM article WHERE id = ?")
      let furnitureRows = try db.cachedStatement(
        sql: "SELECT start, end, kind, rule FROM furniture WHERE article_id = ? ORDER BY start")
      return try ids.compactMap { id in
        guard let row = try Row.fetchOne(article, arguments: [id]) else { return nil }
        let furniture = try Row.fetchAll(furnitureRows, arguments: [id]).map {
          FurnitureSpan(
            range: TextRange(start: UInt32($0["start"] as Int), end: UInt32($0["end"] as Int)), kind: $0["kind"],
            rule: $0["rule"])
        }
        return Article(
          id: row["id"], text: row["text"], title: row["title"], url: row["url"], outlet: row["outlet"],
          published: (row["published"] as String?).flatMap(PublicationDate.init(iso8601:)), origin: row["origin"],
          furniture: furniture)
      }
    }
  }

  public func articleCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0 }
  }

  /// Checks the database file's integrity, and that the full-text index agrees with the articles.
  public func integrityProblems() throws -> [String] {
    try read { db in
      var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
      problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
      let fts = try Int.fetchOne(db, sql: "SELECT count(*) FROM article_fts") ?? -1
      let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? -2
      if fts != n { problems.append("full-text index has \(fts) rows for \(n) articles") }
      return problems
    }
  }

  // MARK: Ingest log

  /// Records the start of an ingest run; returns its id.
  public func beginRun(inputs: [String]) throws -> Int64 {
    try writeOrThrow { db in
      try db.execute(
        sql: "INSERT INTO ingest_run (started_at, inputs, status) VALUES (?, ?, 'running')",
        arguments: [Self.timestamp(), inputs.joined(separator: "\n")])
      return db.lastInsertedRowID
    }
  }

  /// Records how an ingest run ended, with every problem it met.
  public func finishRun(_ id: Int64, _ run: RunOutcome) throws {
    try writeOrThrow { db in
      try db.execute(
        sql: """
          UPDATE ingest_run SET finished_at = ?, status = ?, files = ?, articles_read = ?, new = ?, unchanged = ?,
            replaced = ?, near_duplicates = ?, skipped = ?, warnings = ?, seconds = ?, error = ? WHERE id = ?
          """,
        arguments: [
          Self.timestamp(), run.status.rawValue, run.files, run.articlesRead, run.new, run.unchanged, run.replaced,
          run.nearDuplicates, run.skipped.count, run.warnings.count, run.seconds, run.error, id,
        ])
      let issue = try db.cachedStatement(
        sql: "INSERT INTO ingest_issue (run_id, severity, location, code, message) VALUES (?, ?, ?, ?, ?)")
      for s in run.skipped { try issue.execute(arguments: [id, "skipped", s.location, s.code, s.message]) }
      for w in run.warnings.prefix(10_000) { try issue.execute(arguments: [id, "warning", nil, nil, w]) }
    }
  }

  /// The ingest log, newest first.
  public func runs(limit: Int = 20) throws -> [IngestRunRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM ingest_run ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
        IngestRunRecord(
          id: $0["id"], startedAt: $0["started_at"], finishedAt: $0["finished_at"], inputs: $0["inputs"],
          status: $0["status"], new: $0["new"], unchanged: $0["unchanged"], replaced: $0["replaced"],
          nearDuplicates: $0["near_duplicates"], skipped: $0["skipped"])
      }
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try pool.read(body) } catch let error as DatabaseError {
      throw SitrepError(.database, error.message ?? "\(error)", at: path)
    }
  }

  func writeOrThrow<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try pool.write(body) } catch let error as DatabaseError {
      throw SitrepError(.database, error.message ?? "\(error)", at: path)
    }
  }
}
