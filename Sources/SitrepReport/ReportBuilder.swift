import Foundation
import SitrepExport
import SitrepLexicon
import SitrepModel

/// Builds `sitrep report`'s page: one self-contained HTML file (inline CSS and
/// SVG, no script, no external resource) summarising a set of events.
///
/// Add events one at a time; the aggregates (headline numbers, counts by week
/// and type, the map, top places and actors) cover every event added, while
/// only the latest ``eventListLimit`` events are kept for the event list, so
/// memory stays bounded however many events go in.
///
/// ```swift
/// var report = ReportBuilder(title: "Syria, October 2023", filterSummary: "country = SY",
///                            generatedAt: Date(), basemap: basemap, lexicon: try .bundled())
/// for (record, sources) in events { report.add(record, sources: sources) }
/// try report.render(to: sink)
/// ```
public struct ReportBuilder: Sendable {
  public var title: String
  /// The filters that selected the events, in words (`"country = SY; since 2023-10-01"`); empty for none.
  public var filterSummary: String
  public var generatedAt: Date
  /// Country outlines; without one the map shows a graticule and says how to import one.
  public var basemap: Basemap?
  /// Country and actor names; without one, codes and the names in the events are shown.
  public var lexicon: Lexicon?
  /// How many events the event list shows (the latest by date); the rest are counted.
  public var eventListLimit: Int

  // Aggregates over every event added.
  var eventCount = 0
  var fatalities = 0
  var injuries = 0
  var withFatalityFigure = 0
  var documents: Set<String> = []
  var firstDate: String?
  var lastDate: String?
  var typeCounts: [String: Int] = [:]
  /// Day number (days since 1970-01-01) -> event type -> count.
  var dayCounts: [Int: [String: Int]] = [:]
  /// Events dated only to a month or year (not in the weekly chart).
  var coarselyDated = 0
  var points: [PointKey: Point] = [:]
  var unlocated = 0
  var countryCounts: [String: Int] = [:]
  var locations: [String: LocationTally] = [:]
  var actors: [String: ActorTally] = [:]
  // The event list, trimmed to `eventListLimit` whenever it doubles.
  var listed: [Listed] = []

  /// - Parameters:
  ///   - title: the page's heading.
  ///   - filterSummary: the filters, in words; empty when the report covers every event.
  ///   - generatedAt: shown on the page (the caller's clock; the builder never reads it).
  ///   - basemap: country outlines for the map, or nil.
  ///   - lexicon: names for country codes and actor ids, or nil.
  ///   - eventListLimit: how many events the list shows (default 1,000).
  public init(
    title: String, filterSummary: String, generatedAt: Date, basemap: Basemap?, lexicon: Lexicon?,
    eventListLimit: Int = 1_000
  ) {
    self.title = title
    self.filterSummary = filterSummary
    self.generatedAt = generatedAt
    self.basemap = basemap
    self.lexicon = lexicon
    self.eventListLimit = max(0, eventListLimit)
  }

  /// Counts one event and keeps it for the list if it is among the latest.
  ///
  /// - Parameters:
  ///   - record: the event.
  ///   - sources: the articles behind `record.sources` (matched by `id` to
  ///     `document`); articles missing here are shown by id, without a link.
  /// - Complexity: amortised O(log *n*) in ``eventListLimit``.
  public mutating func add(_ record: EventRecord, sources: [SourceInfo]) {
    eventCount += 1
    if let f = record.fatalities {
      fatalities += f
      withFatalityFigure += 1
    }
    injuries += record.injuries ?? 0
    for source in record.sources { documents.insert(source.document) }
    if firstDate.map({ record.date < $0 }) ?? true { firstDate = record.date }
    if lastDate.map({ record.date > $0 }) ?? true { lastDate = record.date }
    typeCounts[record.eventType, default: 0] += 1
    if record.datePrecision == "day", let day = Days.number(record.date) {
      dayCounts[day, default: [:]][record.eventType, default: 0] += 1
    } else {
      coarselyDated += 1
    }

    let location = record.location
    if let country = location.country, !country.isEmpty { countryCounts[country, default: 0] += 1 }
    if let lat = location.lat, let lon = location.lon, lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 180 {
      let key = PointKey(lat: Int((lat * 1000).rounded()), lon: Int((lon * 1000).rounded()), type: record.eventType)
      points[key, default: Point(lat: lat, lon: lon, name: location.name, country: location.country)].add(record)
    } else {
      unlocated += 1
    }
    let placeKey = location.name + "\u{1F}" + (location.country ?? "")
    locations[placeKey, default: LocationTally(name: location.name, country: location.country)].add(record)

    let a1 = record.actor1.map(Self.actorKey)
    let a2 = record.actor2.map(Self.actorKey)
    if let actor = record.actor1, let key = a1 {
      actors[key, default: ActorTally(ref: actor)].asActor1 += 1
      actors[key]?.events += 1
    }
    if let actor = record.actor2, let key = a2 {
      actors[key, default: ActorTally(ref: actor)].asActor2 += 1
      if key != a1 { actors[key]?.events += 1 }
    }

    guard eventListLimit > 0 else { return }
    let wanted = Set(record.sources.map(\.document))
    listed.append(Listed(record: record, sources: sources.filter { wanted.contains($0.id) }))
    if listed.count >= 2 * eventListLimit { trimList() }
  }

  /// The page as one string.
  public func render() -> String {
    var page = ""
    emit { page += $0 }
    return page
  }

  /// Writes the page to `sink` in pieces (the sink is not closed).
  /// - Throws: whatever the sink throws.
  public func render(to sink: any OutputSink) throws {
    var buffer = ""
    try emit { piece in
      buffer += piece
      if buffer.utf8.count >= 1 << 16 {
        try sink.write(buffer)
        buffer = ""
      }
    }
    if !buffer.isEmpty { try sink.write(buffer) }
  }

  mutating func trimList() {
    listed.sort(by: Listed.latestFirst)
    listed.removeLast(listed.count - min(listed.count, eventListLimit))
  }

  static func actorKey(_ actor: EventRecord.ActorRef) -> String {
    actor.id.map { "id:" + $0 } ?? "name:" + actor.name.lowercased()
  }
}

// MARK: - Aggregate types

extension ReportBuilder {
  /// Events drawn as one circle: same place (to about 100 m) and type.
  struct PointKey: Hashable, Sendable {
    var lat: Int
    var lon: Int
    var type: String
  }

  struct Point: Sendable {
    var lat: Double
    var lon: Double
    var name: String
    var country: String?
    var count = 0
    var fatalities = 0
    var firstDate = ""
    var lastDate = ""
    var lastEventID = ""

    mutating func add(_ record: EventRecord) {
      count += 1
      fatalities += record.fatalities ?? 0
      if firstDate.isEmpty || record.date < firstDate { firstDate = record.date }
      if lastDate.isEmpty || record.date >= lastDate {
        lastDate = record.date
        lastEventID = record.id
      }
    }
  }

  struct LocationTally: Sendable {
    var name: String
    var country: String?
    var events = 0
    var fatalities = 0

    mutating func add(_ record: EventRecord) {
      events += 1
      fatalities += record.fatalities ?? 0
    }
  }

  struct ActorTally: Sendable {
    var ref: EventRecord.ActorRef
    var events = 0
    var asActor1 = 0
    var asActor2 = 0
  }

  struct Listed: Sendable {
    var record: EventRecord
    var sources: [SourceInfo]

    /// Latest date first; ties by id, so the order never depends on input order.
    static func latestFirst(_ a: Listed, _ b: Listed) -> Bool {
      if a.record.date != b.record.date { return a.record.date > b.record.date }
      return a.record.id < b.record.id
    }
  }
}
