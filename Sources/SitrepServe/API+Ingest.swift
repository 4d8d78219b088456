import Foundation
import Hummingbird
import Logging
import SitrepIngest
import SitrepModel
import SitrepPipeline
import SitrepStoreSQLite

extension API {
  /// `POST /api/ingest`: one JSON article, a JSON array of articles, or JSONL;
  /// stored, extracted and resolved as `sitrep ingest` does. All or nothing:
  /// a body with any bad line stores nothing.
  func ingest(_ request: Request, logger: Logger) async throws -> Response {
    _ = try query(request, route: "/api/ingest")
    try authorize(request)
    let contentType = (request.headers[.contentType] ?? "").split(separator: ";").first.map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    } ?? ""
    let jsonl = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/ndjson"]
    guard contentType == "application/json" || jsonl.contains(contentType) else {
      throw APIError(
        .unsupportedMediaType, "unsupported_media_type",
        "send articles as application/json (one object or an array) or application/x-ndjson (one object per line), not '\(contentType)'")
    }
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maxBodySize {
      throw Self.tooLarge(configuration.maxBodySize)
    }
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: configuration.maxBodySize)
    } catch let error as HTTPError where error.status == .contentTooLarge {
      throw Self.tooLarge(configuration.maxBodySize)
    }
    let bytes = Array(buffer.readableBytesView)
    let read = try Self.articles(from: bytes, json: contentType == "application/json", limit: configuration.maxBodySize)
    if !read.skipped.isEmpty {
      let problems = read.skipped.prefix(20).map { "\($0.location.map { $0 + ": " } ?? "")\($0.message)" }
      throw APIError.badRequest(
        "nothing was stored: \(read.skipped.count) article\(read.skipped.count == 1 ? " is" : "s are") unusable: "
          + problems.joined(separator: "; "), code: "malformed_body")
    }
    guard !read.articles.isEmpty else {
      throw APIError.badRequest("the body holds no article (send {\"id\": ..., \"text\": ...})", code: "malformed_body")
    }
    let store = self.store
    let articles = read.articles
    let result = try await writes.run { () throws -> IngestResult in
      let ingestor = Ingestor(store: store, furniture: try FurnitureDetector.bundled())
      let runID = try store.beginRun(inputs: ["POST /api/ingest (\(articles.count) article(s))"])
      let (summary, outcomes): (IngestSummary, [ArticleOutcome])
      do {
        (summary, outcomes) = try ingestor.ingest(articles)
      } catch {
        var failed = RunOutcome(status: .failed)
        failed.error = "\(error)"
        try? store.finishRun(runID, failed)
        throw error
      }
      var outcome = RunOutcome(status: .ok)
      outcome.articlesRead = summary.articlesRead
      outcome.new = summary.new
      outcome.unchanged = summary.unchanged
      outcome.replaced = summary.replaced
      outcome.nearDuplicates = summary.nearDuplicates.count
      outcome.warnings = summary.warnings
      outcome.seconds = summary.seconds
      try store.finishRun(runID, outcome)
      // events for every new or changed article, as `sitrep ingest` does
      let extraction = try ExtractionDriver(store: store).run()
      var eventIDs: [String] = []
      for o in outcomes where o.change != .unchanged {
        for e in try store.eventIDs(article: o.id) where !eventIDs.contains(e) { eventIDs.append(e) }
      }
      return IngestResult(
        articlesRead: summary.articlesRead, new: summary.new, unchanged: summary.unchanged, replaced: summary.replaced,
        nearDuplicates: summary.nearDuplicates.map { .init(article: $0.article, original: $0.original, similarity: $0.similarity) },
        warnings: read.warnings + summary.warnings, articles: outcomes.map { .init(id: $0.id, change: $0.change.rawValue) },
        extractedArticles: extraction.articles, eventIDs: eventIDs)
    }
    logger.info(
      "ingested over HTTP",
      metadata: ["new": "\(result.new)", "replaced": "\(result.replaced)", "events": "\(result.eventIDs.count)"])
    return try JSON.response(result)
  }

  static func tooLarge(_ limit: Int) -> APIError {
    APIError(
      .contentTooLarge, "payload_too_large",
      "the body is over the limit of \(limit) bytes (\(limit / 1_048_576) MiB); send the articles in smaller batches")
  }

  /// Writes need `Authorization: Bearer <token>`; a server started without a token takes none.
  func authorize(_ request: Request) throws {
    guard let token = configuration.token else {
      throw APIError(
        .forbidden, "writes_disabled",
        "this server takes no writes: start it with --token-file FILE and send Authorization: Bearer <token>")
    }
    var unauthorized = APIError(.unauthorized, "unauthorized", "send Authorization: Bearer <token> (the token in the server's --token-file)")
    unauthorized.headers[.wwwAuthenticate] = "Bearer realm=\"sitrep\""
    guard let header = request.headers[.authorization] else { throw unauthorized }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw unauthorized }
    guard Self.constantTimeEqual(Array(parts[1].trimmingCharacters(in: .whitespaces).utf8), Array(token.utf8)) else {
      unauthorized.message = "the bearer token is not the one this server was started with"
      throw unauthorized
    }
  }

  /// Compares without stopping at the first difference, so the time taken says
  /// nothing about how much of a guess was right.
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
    let n = max(a.count, b.count)
    for i in 0..<n {
      let x = i < a.count ? a[i] : 0
      let y = i < b.count ? b[i] : 0
      diff |= x ^ y
    }
    return diff == 0 && a.count == b.count
  }

  /// The articles of a body. `application/json` may be one object (pretty-printed
  /// or not) or an array of objects; anything else is read as JSONL, line by line.
  static func articles(from bytes: [UInt8], json: Bool, limit: Int) throws -> ReadResult {
    if json, let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
      let objects: [Any] = (value as? [Any]) ?? [value]
      var lines: [UInt8] = []
      for (i, o) in objects.enumerated() {
        guard JSONSerialization.isValidJSONObject(o) else {
          // a number or a string: let the line reader name it
          lines += Array("\(o)".utf8)
          lines.append(10)
          continue
        }
        if i > 0 || !lines.isEmpty { lines.append(10) }
        lines += Array(try JSONSerialization.data(withJSONObject: o, options: []))
      }
      var result = JSONLReader.read(bytes: lines, source: value is [Any] ? "item" : "body", limit: limit)
      result.articles = result.articles.map { a in
        var a = a
        a.origin = "http"
        return a
      }
      return result
    }
    var result = JSONLReader.read(bytes: bytes, source: "line", limit: limit)
    result.articles = result.articles.map { a in
      var a = a
      a.origin = "http"
      return a
    }
    return result
  }
}

struct IngestResult: Encodable, Sendable {
  struct Link: Encodable, Sendable {
    var article: String
    var original: String
    var similarity: Double
  }

  struct Outcome: Encodable, Sendable {
    var id: String
    var change: String
  }

  var articlesRead: Int
  var new: Int
  var unchanged: Int
  var replaced: Int
  var nearDuplicates: [Link]
  var warnings: [String]
  var articles: [Outcome]
  var extractedArticles: Int
  var eventIDs: [String]

  enum CodingKeys: String, CodingKey {
    case new, unchanged, replaced, warnings, articles
    case articlesRead = "articles_read"
    case nearDuplicates = "near_duplicates"
    case extractedArticles = "extracted_articles"
    case eventIDs = "event_ids"
  }
}
