import Dispatch
import Foundation
import SitrepModel
import Synchronization

/// Settings for one ingest run.
public struct IngestOptions: Sendable {
  /// Files larger than this are skipped (default 50 MiB).
  public var maxFileSize: Int = 50 * 1024 * 1024
  /// Articles per store transaction.
  public var batchSize: Int = 500
  /// Work on several cores when preparing articles.
  public var parallel: Bool = true

  public init(maxFileSize: Int = 50 * 1024 * 1024, batchSize: Int = 500, parallel: Bool = true) {
    self.maxFileSize = maxFileSize
    self.batchSize = batchSize
    self.parallel = parallel
  }
}

/// How far an ingest run has got, for a progress line.
public struct IngestProgress: Sendable {
  public var filesDone: Int
  public var filesTotal: Int
  public var bytesDone: Int
  public var bytesTotal: Int
  public var articles: Int
  public var seconds: Double
}

/// Reads inputs, prepares articles (furniture, near-duplicate signature)
/// and writes them to a store in atomic batches.
///
/// ```swift
/// let ingestor = Ingestor(store: store, furniture: try .bundled())
/// let summary = ingestor.run(paths: ["corpus/"])
/// ```
public struct Ingestor: Sendable {
  public let store: any ArticleStore
  public let furniture: FurnitureDetector
  public let options: IngestOptions

  public init(store: any ArticleStore, furniture: FurnitureDetector, options: IngestOptions = IngestOptions()) {
    self.store = store
    self.furniture = furniture
    self.options = options
  }

  /// Ingests every file under `paths`. Problems with one input never stop
  /// the run: they are listed in the summary. Only a store failure throws,
  /// and then the batch being written is rolled back whole.
  public func run(
    paths: [String], progress: ((IngestProgress) -> Void)? = nil
  ) throws -> IngestSummary {
    let clock = ContinuousClock()
    let started = clock.now
    var summary = IngestSummary()
    let (files, problems) = InputScanner().scan(paths)
    summary.skipped.append(contentsOf: problems.map(IngestSummary.Problem.init))
    let inputs = files.filter { $0.format != .manifest }
    summary.files = inputs.count
    let bytesTotal = inputs.reduce(0) { $0 + $1.size }

    // manifests first, by folder
    var manifests: [String: Manifest] = [:]
    for file in files where file.format == .manifest {
      do {
        let bytes = try InputBytes.read(file.path, limit: options.maxFileSize)
        let (manifest, manifestProblems) = Manifest.read(bytes, path: file.path)
        manifests[(file.path as NSString).deletingLastPathComponent] = manifest
        summary.skipped.append(contentsOf: manifestProblems.map(IngestSummary.Problem.init))
      } catch {
        summary.skipped.append(.init(error))
      }
    }

    var pending: [Article] = []
    var bytesDone = 0
    /// Writes full batches (all that is pending when `all`), one transaction each.
    func flush(all: Bool = false) throws {
      while pending.count >= options.batchSize || (all && !pending.isEmpty) {
        let count = min(options.batchSize, pending.count)
        let prepared = prepare(Array(pending.prefix(count)))
        pending.removeFirst(count)
        summary.record(try store.write(prepared))
      }
    }
    func take(_ result: ReadResult) throws {
      summary.warnings.append(contentsOf: result.warnings)
      summary.skipped.append(contentsOf: result.skipped.map(IngestSummary.Problem.init))
      summary.articlesRead += result.articles.count
      pending.append(contentsOf: result.articles)
      if pending.count >= options.batchSize { try flush() }
    }

    for (index, file) in inputs.enumerated() {
      do {
        switch file.format {
        case .jsonl:
          if file.size > options.maxFileSize {
            throw SitrepError(
              .tooLarge,
              "file is \(InputBytes.formatBytes(file.size)), over the \(InputBytes.formatBytes(options.maxFileSize)) limit (raise it with --max-file-size)",
              at: file.path)
          }
          var lastReport = clock.now
          try JSONLReader.read(path: file.path, limit: options.maxFileSize) { result in
            try take(result)
            if let progress, clock.now - lastReport > .milliseconds(200) {
              lastReport = clock.now
              progress(
                IngestProgress(
                  filesDone: index, filesTotal: inputs.count, bytesDone: bytesDone, bytesTotal: bytesTotal,
                  articles: summary.articlesRead, seconds: (clock.now - started).seconds))
            }
          }
        case .text, .html, .feed:
          let bytes = try InputBytes.read(file.path, limit: options.maxFileSize)
          if bytes.isEmpty || bytes.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
            throw SitrepError(.empty, "the file is empty", at: file.path)
          }
          if InputBytes.looksBinary(bytes) {
            throw SitrepError(.binary, "binary data, not text, HTML or a feed", at: file.path)
          }
          try take(readWhole(bytes, file: file, manifests: manifests))
        case .manifest:
          break
        }
      } catch let error as SitrepError {
        summary.skipped.append(.init(error))
      }
      bytesDone += file.size
      progress?(
        IngestProgress(
          filesDone: index + 1, filesTotal: inputs.count, bytesDone: bytesDone, bytesTotal: bytesTotal,
          articles: summary.articlesRead, seconds: (clock.now - started).seconds))
    }
    try flush(all: true)
    summary.seconds = (clock.now - started).seconds
    summary.bytes = bytesDone
    return summary
  }

  /// Stores articles already read (an HTTP request's body, say) in one
  /// transaction: all are stored, or none when the store fails.
  /// - Returns: the summary, and what happened to each article.
  public func ingest(_ articles: [Article]) throws -> (summary: IngestSummary, outcomes: [ArticleOutcome]) {
    let clock = ContinuousClock()
    let started = clock.now
    var summary = IngestSummary()
    summary.articlesRead = articles.count
    let outcomes = articles.isEmpty ? [] : try store.write(prepare(articles))
    summary.record(outcomes)
    summary.seconds = (clock.now - started).seconds
    return (summary, outcomes)
  }

  /// Reads a file that is parsed whole (text, HTML, feed), sniffing the
  /// format when the name said nothing useful.
  func readWhole(_ bytes: [UInt8], file: InputFile, manifests: [String: Manifest]) -> ReadResult {
    let name = (file.path as NSString).lastPathComponent
    let stem = (name as NSString).deletingPathExtension
    var format = file.format
    if format == .text {
      let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") {
        format = .html
      } else if head.hasPrefix("<?xml") || head.hasPrefix("<rss") || head.hasPrefix("<feed") {
        format = FeedReader.looksLikeFeed(bytes) ? .feed : .html
      }
    }
    switch format {
    case .html:
      var result = HTMLReader.read(bytes, id: stem, origin: file.path)
      if let entry = manifests[(file.path as NSString).deletingLastPathComponent]?.entry(forFile: name),
        !result.articles.isEmpty
      {
        if let id = entry.id { result.articles[0].id = id }
        if let p = entry.published { result.articles[0].published = p }
        if let u = entry.url { result.articles[0].url = u }
        if let o = entry.outlet { result.articles[0].outlet = o }
        if let t = entry.title { result.articles[0].title = t }
      }
      return result
    case .feed:
      return FeedReader.read(bytes, origin: file.path)
    default:
      let entry = manifests[(file.path as NSString).deletingLastPathComponent]?.entry(forFile: name)
      return PlainTextReader.read(bytes, path: file.path, manifest: entry)
    }
  }

  /// Finds furniture and computes signatures, on all cores.
  func prepare(_ articles: [Article]) -> [PreparedArticle] {
    let furniture = self.furniture
    let work: @Sendable (Article) -> PreparedArticle = { article in
      var article = article
      article.furniture = furniture.detect(in: article.text)
      let signature = MinHashSignature(text: article.text, skipping: article.furniture.map(\.range))
      return PreparedArticle(article: article, signature: signature)
    }
    guard options.parallel, articles.count > 1 else { return articles.map(work) }
    let results = Mutex<[PreparedArticle?]>(Array(repeating: nil, count: articles.count))
    let chunks = min(ProcessInfo.processInfo.activeProcessorCount * 2, articles.count)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var local: [(Int, PreparedArticle)] = []
      var i = chunk
      while i < articles.count {
        local.append((i, work(articles[i])))
        i += chunks
      }
      results.withLock { r in for (i, p) in local { r[i] = p } }
    }
    return results.withLock { $0.compactMap { $0 } }
  }
}

extension Duration {
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }
}
