import ArgumentParser
import Foundation
import SitrepIngest
import SitrepModel
import SitrepPipeline
import SitrepStoreSQLite
import SitrepExtract
import SitrepLexicon
import Dispatch
import Synchronization

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure Sitrep's speed on a corpus.",
    subcommands: [IngestBench.self, ExtractBench.self, PipelineBench.self, QueryBench.self])
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

struct PipelineBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract: "Ingest, extract and resolve PATH into a fresh database; report articles/s overall and per core.",
    discussion: "Per core = articles / (wall seconds × cores used). --keep FILE keeps the database for `bench query`.")

  @Argument(help: "JSONL files or folders to ingest.")
  var paths: [String]

  @Option(help: ArgumentHelp("Keep the resulting database at this path (replaced if it exists).", valueName: "FILE"))
  var keep: String?

  func run() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = keep ?? dir.appendingPathComponent("bench.db").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let clock = ContinuousClock()
    let cpu0 = cpuSeconds()
    let start = clock.now
    let store = try SQLiteStore(path: path)
    let summary = try Ingestor(store: store, furniture: try FurnitureDetector.bundled()).run(paths: paths)
    let ingested = clock.now
    let totals = try ExtractionDriver(store: store).run()
    let seconds = (clock.now - start).seconds
    let cpu = cpuSeconds() - cpu0
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let n = Double(summary.articlesRead)
    print(
      String(
        format: """
          %d articles: ingest %.2f s, extract+resolve %.2f s, total %.2f s on %d core(s)
          %.0f articles/s, %.0f articles/s per core (CPU %.1f s, %.0f articles per CPU-second)
          %d events in %d incidents; peak memory %.0f MB
          """, summary.articlesRead, (ingested - start).seconds, totals.seconds, seconds, cores, n / seconds,
        n / seconds / Double(cores), cpu, n / cpu, totals.events, try store.incidentCount(), peakMemoryMB()))
  }
}

struct QueryBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Time `sitrep events` filters on a database: median and worst of several runs each.")

  @OptionGroup var store: StoreOptions

  @Option(help: "Runs per query.")
  var runs: Int = 20

  func run() throws {
    let db = try openExisting(store.db)
    let parser = EventFilterParser(lexicon: try Lexicon.bundled().adding(places: db.importedPlaces()))
    var cases: [(String, EventFilterParser.Input)] = []
    func add(_ name: String, _ edit: (inout EventFilterParser.Input) -> Void) {
      var i = EventFilterParser.Input()
      i.limit = 100
      edit(&i)
      cases.append((name, i))
    }
    add("no filter") { _ in }
    add("--since 2023-10-01 --until 2023-12-31") { $0.since = "2023-10-01"; $0.until = "2023-12-31" }
    add("--country SY") { $0.countries = ["SY"] }
    add("--type 'Explosions/Remote violence'") { $0.types = ["Explosions/Remote violence"] }
    add("--actor 'Iran-backed militias'") { $0.actors = ["Iran-backed militias"] }
    add("--near 'Deir ez-Zor' --radius 100") { $0.near = "Deir ez-Zor"; $0.radius = 100 }
    add("--weapon drone") { $0.weapons = ["drone"] }
    add("--min-fatalities 1") { $0.minFatalities = 1 }
    add("--text 'drone base'") { $0.text = "drone base" }
    add("--country SY,IQ --actor IRGC --since 2023 --no-background") {
      $0.countries = ["SY", "IQ"]; $0.actors = ["IRGC"]; $0.since = "2023"; $0.background = false
    }
    let clock = ContinuousClock()
    print("events in database: \(try db.incidentCount())")
    var worst = 0.0
    for (name, input) in cases {
      var times: [Double] = []
      var found = 0
      for _ in 0..<max(1, runs) {
        let t0 = clock.now
        let filter = try parser.parse(input)
        found = try db.events(matching: filter).count
        _ = try db.countEvents(matching: filter)
        times.append((clock.now - t0).seconds * 1000)
      }
      times.sort()
      worst = max(worst, times.last ?? 0)
      print(
        name.padding(toLength: 58, withPad: " ", startingAt: 0)
          + String(format: " %4d rows  median %6.2f ms  max %6.2f ms", found, times[times.count / 2], times.last ?? 0))
    }
    print(String(format: "slowest single query: %.2f ms (target < 100 ms)", worst))
  }
}

/// CPU seconds (user + system) this process has used.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
