import Foundation
import SitrepExport
import SitrepModel
import SitrepTestSupport

/// Made-up events (our own sentences, no article text) for report tests.
enum ReportFixtures {
  static func event(
    _ id: String, _ date: String, _ type: String, _ sub: String, place: String, country: String?,
    lat: Double?, lon: Double?, fatalities: Int? = nil, injuries: Int? = nil, precision: String = "day",
    actor1: String? = nil, actor2: String? = nil, document: String? = nil, quote: String? = nil,
    summary: String? = nil
  ) -> EventRecord {
    let doc = document ?? "doc-\(id)"
    let text = quote ?? "An example sentence says something happened at \(place)."
    return EventRecord(
      id: id, eventType: type, subEventType: sub, date: date, datePrecision: precision,
      location: .init(name: place, country: country, admin1: nil, lat: lat, lon: lon, precision: lat == nil ? "country" : "locality"),
      actor1: actor1.map { .init(name: $0, id: nil) }, actor2: actor2.map { .init(name: $0, id: nil) },
      weapons: [], fatalities: fatalities, injuries: injuries, certainty: "reported", background: false,
      sources: [.init(document: doc, start: 0, end: text.count, text: text, reportedBy: nil)],
      summary: summary ?? "A made-up \(sub.lowercased()) at \(place).")
  }

  static func source(_ document: String, url: String? = nil) -> SourceInfo {
    SourceInfo(id: document, title: "Example headline for \(document)", url: url, outlet: "Example Wire", published: "2023-10-25")
  }

  /// Three weeks of events in Syria and Iraq, and one dated only to a month.
  ///
  /// Week of 2023-10-16: e1, e2, e3 (two explosions, one battle);
  /// week of 2023-10-23: e4; week of 2023-10-30: e5. e6 has no coordinates.
  static let sample: [EventRecord] = [
    event("e1", "2023-10-16", "Explosions/Remote violence", "Air/drone strike", place: "Al-Tanf", country: "SY",
          lat: 33.49, lon: 38.65, fatalities: 0, actor1: "Example militia", actor2: "Example garrison"),
    event("e2", "2023-10-18", "Battles", "Armed clash", place: "Deir ez-Zor", country: "SY",
          lat: 35.33, lon: 40.14, fatalities: 4, actor1: "Example militia", actor2: "Example army"),
    event("e3", "2023-10-22", "Explosions/Remote violence", "Shelling/artillery/missile attack", place: "Erbil",
          country: "IQ", lat: 36.19, lon: 44.01, injuries: 2, actor1: "Example militia"),
    event("e4", "2023-10-23", "Strategic developments", "Disrupted weapons use", place: "Ain al-Asad", country: "IQ",
          lat: 33.80, lon: 42.44, fatalities: 0, actor1: "Example garrison"),
    event("e5", "2023-10-31", "Violence against civilians", "Attack", place: "Baghdad", country: "IQ",
          lat: 33.31, lon: 44.37, fatalities: 12, actor2: "Civilians"),
    event("e6", "2023-11", "Battles", "Armed clash", place: "Lebanon", country: "LB", lat: nil, lon: nil,
          precision: "month", actor1: "Example army"),
  ]

  static func sources(for record: EventRecord) -> [SourceInfo] {
    record.sources.map { source($0.document, url: "https://news.example.org/\($0.document)") }
  }
}

/// Collects what a writer writes.
final class CollectingSink: OutputSink {
  var text = ""
  var writes = 0
  func write(_ string: String) throws {
    text += string
    writes += 1
  }
  func close() throws {}
}

extension String {
  func occurrences(of needle: String) -> Int {
    components(separatedBy: needle).count - 1
  }

  /// The text between the first `start` and the next `end` after it.
  func section(from start: String, to end: String) -> String? {
    guard let a = range(of: start), let b = self[a.upperBound...].range(of: end) else { return nil }
    return String(self[a.lowerBound..<b.upperBound])
  }
}

enum NaturalEarth {
  static func path(_ name: String) -> String { TestSupport.shared("data/naturalearth/\(name)") }

  static var available: Bool {
    FileManager.default.fileExists(atPath: path("ne_110m_admin_0_countries.geojson"))
  }

  static func data(_ name: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path(name)))
  }
}
