import ArgumentParser
import Foundation
import SitrepExport
import SitrepLexicon
import SitrepModel
import SitrepPipeline
import SitrepReport
import SitrepStoreSQLite

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the events out, filtered, in the formats analysts use.",
    discussion: """
      jsonl: one JSON object per line, exactly the contract of EVENTS.md plus the added fields contradictions,
      source_count and actor ids. acled-csv: ACLED's columns and codes (time_precision, geo_precision, inter codes).
      geojson: a FeatureCollection for QGIS or geojson.io. plover-json: PLOVER-style records with text offsets and
      citations. Events are streamed: memory stays flat however many there are. Takes the filters of `sitrep events`.
      With --output the file appears only when the export is complete.
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ExportFormat = .jsonl

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
  var output: String?

  func run() throws {
    // fail before any work when the output cannot be written
    let out = try OutputFile(output)
    let db = try openExisting(store.db)
    let filter = try filters.filter(store: db)
    let lexicon = try Lexicon.bundled()
    var count = 0
    try out.produce { sink in count = try exportEvents(from: db, matching: filter, format: format, lexicon: lexicon, to: sink) }
    if let output { FileHandle.standardError.write(Data("Wrote \(count) event(s) to \(output) (\(format.rawValue))\n".utf8)) }
  }
}

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a self-contained HTML report: counts, a timeline, a map, top places and actors, the events with evidence.",
    discussion: """
      The file needs no network to open. The map draws country outlines from the base map imported with
      `sitrep basemap import FILE` (a Natural Earth admin-0 GeoJSON); without one it draws the events on a
      grid. Takes the filters of `sitrep events`.
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var filters: FilterOptions

  @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "FILE"))
  var output: String = "report.html"

  @Option(help: "The report's title.")
  var title: String = "Sitrep: conflict events"

  @Option(help: "How many events the list shows (the latest; counts and charts cover all).")
  var listLimit: Int = 1000

  func run() throws {
    let out = try OutputFile(output)
    let db = try openExisting(store.db)
    let filter = try filters.filter(store: db)
    let lexicon = try Lexicon.bundled()
    var basemap: Basemap?
    if let stored = try db.basemap() {
      basemap = try? JSONDecoder().decode(Basemap.self, from: stored.data)
      if basemap == nil {
        FileHandle.standardError.write(Data("warning: the stored base map cannot be read; run `sitrep basemap import FILE` again\n".utf8))
      }
    }
    var builder = ReportBuilder(
      title: title, filterSummary: filter.summary == "all events" ? "" : filter.summary, generatedAt: Date(),
      basemap: basemap, lexicon: lexicon, eventListLimit: listLimit)
    var count = 0
    try db.forEachEventRecord(matching: filter, order: .newest, withSources: true) { record, sources in
      builder.add(record, sources: sources)
      count += 1
    }
    try out.produce { sink in try builder.render(to: sink) }
    var note = "Wrote a report of \(count) event(s) to \(output)"
    if basemap == nil { note += " (no base map: run `sitrep basemap import FILE` for country outlines)" }
    FileHandle.standardError.write(Data((note + "\n").utf8))
  }
}

struct BasemapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "basemap", abstract: "Manage the base map reports draw.", subcommands: [BasemapImport.self])
}

struct BasemapImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import country outlines from a Natural Earth admin-0 GeoJSON file (replaces the stored base map).",
    discussion: "Natural Earth's ne_110m/ne_50m_admin_0_countries.geojson work; outlines are simplified to --tolerance degrees.")

  @Argument(help: "The GeoJSON file.")
  var file: String

  @OptionGroup var store: StoreOptions

  @Option(help: "Simplification tolerance in degrees (0 keeps every point).")
  var tolerance: Double = 0.01

  @Option(help: ArgumentHelp("Refuse files larger than this many megabytes (MiB).", valueName: "MB"))
  var maxFileSize: Double = 200

  func validate() throws {
    if tolerance < 0 || tolerance > 1 { throw ValidationError("--tolerance must be between 0 and 1 degree") }
  }

  func run() throws {
    let url = URL(fileURLWithPath: file)
    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
    guard let size = attributes?[.size] as? Int else { throw ValidationError("\(file): no such file") }
    if Double(size) > maxFileSize * 1_048_576 {
      throw ValidationError(String(format: "%@: %.0f MB is over the limit of %.0f MB (--max-file-size)", file, Double(size) / 1_048_576, maxFileSize))
    }
    let data = try Data(contentsOf: url)
    let map: Basemap
    do {
      map = try Basemap.parseGeoJSON(data, source: url.lastPathComponent, tolerance: tolerance)
    } catch {
      throw ValidationError("\(file): \(error)")
    }
    let db = try SQLiteStore(path: store.db)
    let encoded = try JSONEncoder().encode(map)
    try db.saveBasemap(encoded, source: url.lastPathComponent, countries: map.countries.count)
    print(String(format: "Imported %d countries from %@ (%.0f KB stored).", map.countries.count, url.lastPathComponent, Double(encoded.count) / 1024))
  }
}

/// stdout, or a file that appears only when complete (written beside it, then renamed).
/// Creating it fails at once when the path cannot be written.
struct OutputFile {
  let path: String?
  let temporary: String?

  init(_ path: String?) throws {
    self.path = path
    guard let path else {
      temporary = nil
      return
    }
    let tmp = path + ".partial-\(getpid())"
    // try now, so a path that cannot be written fails before any work; nothing is left behind
    guard FileManager.default.createFile(atPath: tmp, contents: nil) else {
      throw ValidationError("cannot write to \(path): the folder does not exist or is not writable")
    }
    try? FileManager.default.removeItem(atPath: tmp)
    temporary = tmp
  }

  func produce(_ body: (any OutputSink) throws -> Void) throws {
    guard let path, let temporary else {
      let sink = FileSink.standardOutput()
      try body(sink)
      try sink.flush()
      return
    }
    do {
      let sink = try FileSink(path: temporary)
      try body(sink)
      try sink.close()
      if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
      try FileManager.default.moveItem(atPath: temporary, toPath: path)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
  }
}
