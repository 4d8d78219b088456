import ArgumentParser
import Foundation
import SitrepIngest
import SitrepModel
import SitrepPipeline
import SitrepStoreSQLite

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read articles (JSONL, text, HTML, RSS/Atom) from files or folders into the store.",
    discussion: """
      Folders are read recursively. A manifest.jsonl beside text files supplies their metadata.
      Re-ingesting an unchanged article does nothing; changed content under the same id replaces it.
      Exit status: 0 when every input was usable, 1 when some were skipped (each is listed), 2 for usage errors.
      """)

  @Argument(help: ArgumentHelp("Files or folders to read.", valueName: "PATH"))
  var paths: [String]

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("Skip files larger than this many megabytes (MiB).", valueName: "MB"))
  var maxFileSize: Double = 50

  @Option(help: "Articles written per transaction.")
  var batchSize: Int = 500

  @Flag(help: "Print the summary as JSON on stdout.")
  var json = false

  @Flag(name: .shortAndLong, help: "List every warning, not only the first ten.")
  var verbose = false

  func validate() throws {
    guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
    guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
  }

  func run() throws {
    let db = try SQLiteStore(path: store.db)
    let ingestor = Ingestor(
      store: db, furniture: try FurnitureDetector.bundled(),
      options: IngestOptions(maxFileSize: Int(maxFileSize * 1_048_576), batchSize: batchSize))
    let runID = try db.beginRun(inputs: paths)
    let bar = ProgressLine()
    let summary: IngestSummary
    let progress: ((IngestProgress) -> Void)? = bar.isActive ? { bar.update($0) } : nil
    do {
      summary = try ingestor.run(paths: paths, progress: progress)
    } catch {
      bar.finish()
      var failed = RunOutcome(status: .failed)
      failed.error = "\(error)"
      try? db.finishRun(runID, failed)
      throw error
    }
    bar.finish()
    var outcome = RunOutcome(status: summary.skipped.isEmpty ? .ok : .partial)
    outcome.files = summary.files
    outcome.articlesRead = summary.articlesRead
    outcome.new = summary.new
    outcome.unchanged = summary.unchanged
    outcome.replaced = summary.replaced
    outcome.nearDuplicates = summary.nearDuplicates.count
    outcome.skipped = summary.skipped.map { .init(location: $0.location, code: $0.code, message: $0.message) }
    outcome.warnings = summary.warnings
    outcome.seconds = summary.seconds
    try db.finishRun(runID, outcome)
    // events for every new or changed article
    let extraction = try ExtractionDriver(store: db).run()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.keyEncodingStrategy = .convertToSnakeCase
      print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    } else {
      printSummary(summary, db: store.db)
      var err = StandardError()
      print(
        String(
          format: "Extracted %d article(s): %d event(s), %d rejected mention(s) in %.2f s", extraction.articles,
          extraction.events, extraction.rejected, extraction.seconds), to: &err)
    }
    if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
  }

  func printSummary(_ s: IngestSummary, db: String) {
    var out = StandardError()
    let rate = s.seconds > 0 ? Double(s.articlesRead) / s.seconds : 0
    print(
      String(
        format: "Ingested %d file%@ into %@ in %.2f s (%.0f articles/s):", s.files, s.files == 1 ? "" : "s", db,
        s.seconds, rate), to: &out)
    print("  new \(s.new), unchanged \(s.unchanged), replaced \(s.replaced), near-duplicates \(s.nearDuplicates.count), skipped \(s.skipped.count), warnings \(s.warnings.count)", to: &out)
    for id in s.replacedIDs.prefix(verbose ? .max : 10) {
      print("  replaced: \(id) (its content changed)", to: &out)
    }
    for d in s.nearDuplicates.prefix(verbose ? .max : 10) {
      print(String(format: "  near-duplicate: %@ is a copy of %@ (similarity %.2f)", d.article, d.original, d.similarity), to: &out)
    }
    if s.nearDuplicates.count > 10 && !verbose { print("  … \(s.nearDuplicates.count - 10) more near-duplicates (--verbose lists all)", to: &out) }
    for p in s.skipped {
      print("  skipped: \(p.location.map { $0 + ": " } ?? "")\(p.message) [\(p.code)]", to: &out)
    }
    for w in s.warnings.prefix(verbose ? .max : 10) { print("  warning: \(w)", to: &out) }
    if s.warnings.count > 10 && !verbose { print("  … \(s.warnings.count - 10) more warnings (--verbose lists all)", to: &out) }
  }
}

/// stderr as a TextOutputStream.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandle.standardError.write(Data(string.utf8))
  }
}

/// A one-line progress display on stderr, drawn only on a terminal.
final class ProgressLine: @unchecked Sendable {
  // @unchecked: used from the ingest thread only; `update` is never called concurrently.
  let isActive = isatty(STDERR_FILENO) != 0
  private var drawn = false

  func update(_ p: IngestProgress) {
    guard isActive else { return }
    let rate = p.seconds > 0 ? Double(p.articles) / p.seconds : 0
    let mbps = p.seconds > 0 ? Double(p.bytesDone) / 1_048_576 / p.seconds : 0
    var eta = ""
    if p.bytesDone > 0 && p.bytesTotal > p.bytesDone && p.seconds > 0.5 {
      let remaining = p.seconds * Double(p.bytesTotal - p.bytesDone) / Double(p.bytesDone)
      eta = String(format: ", ETA %.0f s", remaining)
    }
    let line = String(
      format: "\r\u{1B}[2K  files %d/%d · %d articles · %.0f articles/s · %.1f MB/s%@", p.filesDone, p.filesTotal,
      p.articles, rate, mbps, eta)
    FileHandle.standardError.write(Data(line.utf8))
    drawn = true
  }

  func finish() {
    if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }
}
