import Foundation
import SitrepExport
import SitrepLexicon
import SitrepModel

/// Records built field by field (no article text needed) and the helpers the
/// writer tests share.
enum Fixture {
  static let exportedAt = Date(timeIntervalSince1970: 1_700_000_000)

  typealias Actor = EventRecord.ActorRef

  /// An event with sensible defaults: a drone strike at Al-Tanf, Syria.
  static func record(
    id: String = "evt-000123", type: String = "Explosions/Remote violence", sub: String = "Air/drone strike",
    date: String = "2023-10-20", datePrecision: String = "day",
    place: String = "Al-Tanf", country: String? = "SY", admin1: String? = "Homs",
    lat: Double? = 33.49, lon: Double? = 38.65, geo: String = "site",
    actor1: Actor? = Actor(name: "Iran-backed militias", id: "iran-backed-militias"),
    actor2: Actor? = Actor(name: "US forces", id: "us-forces"),
    weapons: [String] = ["drone"], fatalities: Int? = 0, injuries: Int? = nil,
    certainty: String = "reported", background: Bool = false,
    sources: [EventRecord.Source] = [
      EventRecord.Source(
        document: "doc-a", start: 10, end: 53, text: "Drones were launched at the base on Friday.", reportedBy: nil)
    ],
    summary: String = "Drone attack on the base at Al-Tanf."
  ) -> EventRecord {
    EventRecord(
      id: id, eventType: type, subEventType: sub, date: date, datePrecision: datePrecision,
      location: EventRecord.Location(name: place, country: country, admin1: admin1, lat: lat, lon: lon, precision: geo),
      actor1: actor1, actor2: actor2, weapons: weapons, fatalities: fatalities, injuries: injuries,
      certainty: certainty, background: background, sources: sources, summary: summary)
  }

  /// Article metadata for `doc-a` and `doc-b`; other ids are unknown.
  static func context() throws -> ExportContext {
    ExportContext(
      lexicon: try Lexicon.bundled(),
      sources: { id in
        switch id {
        case "doc-a":
          SourceInfo(
            id: id, title: "Base attacked", url: "https://example.org/a", outlet: "Example News",
            published: "2023-10-21")
        case "doc-b": SourceInfo(id: id, title: "Second report", outlet: "Other Wire")
        default: nil
        }
      },
      exportedAt: exportedAt)
  }

  /// The whole output of one writer for `records`.
  static func export(_ records: [EventRecord], as format: ExportFormat) throws -> String {
    let sink = StringSink()
    var writer = makeWriter(format, sink: sink, context: try context())
    try writer.begin()
    for r in records { try writer.write(r) }
    try writer.finish()
    try sink.close()
    return sink.text
  }

  /// Parses JSON text with Foundation's parser (independent of the writers' own JSON code).
  static func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }
}

/// Splits RFC 4180 text into records of fields: a test-side reader that
/// knows nothing of the writer.
func parseCSV(_ text: String) -> [[String]] {
  let scalars = Array(text.unicodeScalars)
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var i = 0
  func endRecord() {
    row.append(field)
    rows.append(row)
    row = []
    field = ""
  }
  while i < scalars.count {
    let c = scalars[i]
    if quoted {
      if c == "\"" {
        if i + 1 < scalars.count && scalars[i + 1] == "\"" {
          field.unicodeScalars.append("\"")
          i += 1
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(c)
      }
    } else {
      switch c {
      case "\"": quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\r":
        if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
        endRecord()
      case "\n": endRecord()
      default: field.unicodeScalars.append(c)
      }
    }
    i += 1
  }
  if !field.isEmpty || !row.isEmpty { endRecord() }
  return rows
}

/// A sink that counts what it receives and keeps none of it.
final class CountingSink: OutputSink {
  private(set) var bytes = 0
  private(set) var writes = 0
  private(set) var flushes = 0

  func write(_ string: String) throws {
    bytes += string.utf8.count
    writes += 1
  }

  func flush() throws { flushes += 1 }
  func close() throws {}
}
