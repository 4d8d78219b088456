import Dispatch
import Foundation
import SitrepExtract
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite
import Synchronization

/// Runs extraction over stored articles that need it, on all cores, saving
/// in batches. Used by `ingest` (new and changed articles) and `extract`.
public struct ExtractionDriver: Sendable {
  public static let extractorVersion = "sitrep.extract.v1"
  public let store: SQLiteStore
  public let extractor: EventExtractor

  public init(store: SQLiteStore) throws {
    self.store = store
    // the bundled gazetteer plus whatever the user imported into this database
    self.extractor = try EventExtractor(lexicon: try Lexicon.bundled().adding(places: store.importedPlaces()))
  }

  public struct Totals: Sendable {
    public var articles = 0
    public var events = 0
    public var rejected = 0
    public var seconds = 0.0
  }

  @discardableResult
  public func run(ids: [String]? = nil, all: Bool = false, batch: Int = 256) throws -> Totals {
    let clock = ContinuousClock()
    let start = clock.now
    let pending = try ids ?? store.articlesNeedingExtraction(extractor: Self.extractorVersion, all: all)
    var totals = Totals()
    var index = 0
    while index < pending.count {
      let chunk = Array(pending[index..<min(pending.count, index + batch)])
      index += chunk.count
      let articles = try store.loadArticles(ids: chunk)
      let results = Self.extractAll(articles, extractor: extractor)
      try store.saveExtractions(results, extractor: Self.extractorVersion)
      totals.articles += results.count
      totals.events += results.reduce(0) { $0 + $1.extraction.events.count }
      totals.rejected += results.reduce(0) { $0 + $1.extraction.diagnostics.count }
    }
    totals.seconds = Self.seconds(clock.now - start)
    return totals
  }

  /// Extracts every article, in parallel across cores; results keep the input order.
  public static func extractAll(_ articles: [Article], extractor: EventExtractor) -> [(article: Article, extraction: Extraction)] {
    let results = Mutex<[Extraction?]>(Array(repeating: nil, count: articles.count))
    let lanes = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, articles.count))
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      var local: [(Int, Extraction)] = []
      var i = lane
      while i < articles.count {
        local.append((i, extractor.extract(articles[i])))
        i += lanes
      }
      results.withLock { r in for (i, x) in local { r[i] = x } }
    }
    let extractions = results.withLock { $0 }
    return zip(articles, extractions).compactMap { a, x in x.map { (a, $0) } }
  }

  static func seconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) + Double(atto) / 1e18
  }
}
