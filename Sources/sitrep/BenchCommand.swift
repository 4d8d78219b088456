import ArgumentParser
import Foundation
import SitrepIngest
import SitrepModel
import SitrepStoreSQLite

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure Sitrep's speed on a corpus.",
    subcommands: [IngestBench.self])
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
