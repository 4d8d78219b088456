import ArgumentParser
import Foundation
import SitrepIngest
import SitrepModel
import SitrepStoreSQLite
import SitrepExtract
import SitrepLexicon
import Dispatch
import Synchronization

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure Sitrep's speed on a corpus.",
    subcommands: [IngestBench.self, ExtractBench.self])
}

struct IngestBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Ingest FILE into a fresh temporary database and report articles/s, MB/s and peak memory.")

  @Argument(help: "A JSONL file or folder to ingest.")
  var path: String

  @Option(help: "How many times to run; the best is reported.")
  var runs: Int = 1

  @Option(help: ArgumentHelp("Skip files larger than this many megabytes (MiB).", valueName: "MB"))
  var maxFileSize: Double = 50

  func run() throws {
    var best: IngestSummary?
    for i in 1...max(1, runs) {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-bench-\(getpid())-\(i)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: dir) }
      let store = try SQLiteStore(path: dir.appendingPathComponent("bench.db").path)
      let ingestor = Ingestor(
        store: store, furniture: try FurnitureDetector.bundled(),
        options: IngestOptions(maxFileSize: Int(maxFileSize * 1_048_576)))
      let s = try ingestor.run(paths: [path])
      print(
        String(
          format: "run %d: %d articles, %.1f MB in %.2f s: %.0f articles/s, %.1f MB/s; %d near-duplicates, %d skipped",
          i, s.articlesRead, Double(s.bytes) / 1_048_576, s.seconds, Double(s.articlesRead) / s.seconds,
          Double(s.bytes) / 1_048_576 / s.seconds, s.nearDuplicates.count, s.skipped.count))
      if s.seconds < (best?.seconds ?? .infinity) { best = s }
    }
    if let best {
      print(
        String(
          format: "best: %.2f s, %.0f articles/s, %.1f MB/s, peak resident memory %.0f MB", best.seconds,
          Double(best.articlesRead) / best.seconds, Double(best.bytes) / 1_048_576 / best.seconds,
          peakMemoryMB()))
    }
  }
}

struct ExtractBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract events from the articles of a JSONL file in memory (no database) and report articles/s per core.")

  @Argument(help: "A JSONL file of articles.")
  var path: String

  @Option(help: "Cores to use (default: all).")
  var cores: Int?

  func run() throws {
    let lexicon = try Lexicon.bundled()
    let extractor = try EventExtractor(lexicon: lexicon)
    let furniture = try FurnitureDetector.bundled()
    var articles: [Article] = []
    try JSONLReader.read(path: path, limit: 1 << 30) { r in articles += r.articles }
    for i in articles.indices { articles[i].furniture = furniture.detect(in: articles[i].text) }
    let bytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    let all = articles
    let lanes = max(1, cores ?? ProcessInfo.processInfo.activeProcessorCount)
    let clock = ContinuousClock()
    let start = clock.now
    let counts = Mutex<(events: Int, rejected: Int)>((0, 0))
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      var e = 0
      var r = 0
      var i = lane
      while i < all.count {
        let x = extractor.extract(all[i])
        e += x.events.count
        r += x.diagnostics.count
        i += lanes
      }
      counts.withLock { $0.events += e; $0.rejected += r }
    }
    let seconds = (clock.now - start).seconds
    let c = counts.withLock { $0 }
    print(
      String(
        format: "%d articles (%.1f MB) in %.2f s on %d core(s): %.0f articles/s, %.0f articles/s per core, %.1f MB/s; %d events, %d rejected mentions; peak memory %.0f MB",
        articles.count, Double(bytes) / 1_048_576, seconds, lanes, Double(articles.count) / seconds,
        Double(articles.count) / seconds / Double(lanes), Double(bytes) / 1_048_576 / seconds, c.events, c.rejected,
        peakMemoryMB()))
  }
}

/// Peak resident set size of this process, from /proc (Linux) or getrusage.
func peakMemoryMB() -> Double {
  if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return kb / 1024
    }
  }
  return 0
}
