import Foundation
import SitrepLexicon
import SitrepModel

/// ACLED's CSV layout (RFC 4180: CRLF line ends, fields with a comma, quote,
/// CR or LF quoted, quotes doubled), with ACLED's columns in ACLED's order,
/// so that our events can be loaded beside an ACLED download.
///
/// Column conventions:
/// - `event_id_cnty`: the country's ISO alpha-3 code and the number of our id
///   (`evt-000123` in Syria is `SYR123`); seas and unknown countries use `XXX`.
/// - `event_date`: `yyyy-mm-dd`, the first day of the month or year for vaguer
///   dates; `time_precision` 1 for a day, 3 for a month or a year (2, "within a
///   week", is never produced: our dates are a day, a month or a year).
/// - `actor1`/`actor2`: the canonical lexicon name; `assoc_actor_1/2`: the names
///   of its parents in the lexicon, nearest first, joined with `; `.
/// - `inter1`/`inter2`: the lexicon's ACLED code with the home/abroad rule of
///   `actors.tsv`; `interaction`: both codes, smaller first (`18`), or the lone
///   actor's code times ten (`10`); empty when an actor named has no code.
/// - `iso`: ISO 3166-1 numeric; `region`: ACLED's region from `countries.tsv`.
/// - `geo_precision`: 1 for a site or locality, 2 for a district, 3 for an
///   admin1, a country or a region (a sea).
/// - `source`: the distinct outlets of the supporting articles (the article id
///   when the outlet is unknown); `source_scale`: empty, as we have no basis for it.
/// - `notes`: the summary and the first evidence sentence.
/// - `fatalities`: 0 when unknown, as ACLED writes it; the tag `fatalities not
///   reported` keeps the difference. `tags`: certainty, background, unknown
///   fatalities and the fields the sources disagree on.
/// - `timestamp`: the export time (``ExportContext/exportedAt``) in Unix seconds.
struct ACLEDCSVWriter: EventWriter {
  static let columns = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
  ]

  private let sink: any OutputSink
  private let context: ExportContext
  private let lookup: ExportLookup
  private let timestamp: String
  private var started = false
  private var finished = false

  init(sink: any OutputSink, context: ExportContext) {
    self.sink = sink
    self.context = context
    lookup = ExportLookup(context.lexicon)
    timestamp = String(Int(context.exportedAt.timeIntervalSince1970.rounded(.down)))
  }

  mutating func begin() throws {
    guard !started else { return }
    started = true
    try sink.write(CSV.line(Self.columns))
  }

  mutating func write(_ record: EventRecord) throws {
    guard !finished else { throw SitrepError(.closed, "write after finish") }
    try begin()
    try sink.write(CSV.line(row(record)))
  }

  mutating func finish() throws {
    try begin()
    finished = true
    try sink.flush()
  }

  /// The record's fields in the order of ``columns``.
  func row(_ r: EventRecord) -> [String] {
    let place = r.location
    let country = lookup.country(place.country)
    let inter1 = lookup.inter(r.actor1, eventCountry: place.country)
    let inter2 = lookup.inter(r.actor2, eventCountry: place.country)
    let coordinates = place.lat.flatMap { lat in place.lon.map { (lat, $0) } }
    return [
      (lookup.iso3(place.country) ?? "XXX") + Self.number(of: r.id),
      r.firstDay,
      String(r.firstDay.prefix(4)),
      r.datePrecision == "day" ? "1" : "3",
      context.lexicon.disorderTypes[r.eventType + "|" + r.subEventType] ?? "",
      r.eventType,
      r.subEventType,
      lookup.name(r.actor1) ?? "",
      lookup.lineage(r.actor1).joined(separator: "; "),
      inter1.map(String.init) ?? "",
      lookup.name(r.actor2) ?? "",
      lookup.lineage(r.actor2).joined(separator: "; "),
      inter2.map(String.init) ?? "",
      Self.interaction(inter1, inter2, hasActor2: r.actor2 != nil).map(String.init) ?? "",
      lookup.actor(r.actor2)?.kind == "civilians" ? "Civilian targeting" : "",
      country?.numeric.map(String.init) ?? "",
      country?.region ?? "",
      country?.name ?? (place.country == "XX" ? "" : place.country ?? ""),
      place.admin1 ?? "",
      "",
      "",
      place.name,
      coordinates.flatMap { fixedDecimal($0.0, places: 4, trimZeros: false) } ?? "",
      coordinates.flatMap { fixedDecimal($0.1, places: 4, trimZeros: false) } ?? "",
      Self.geoPrecision(place.precision),
      outlets(r).joined(separator: "; "),
      "",
      notes(r),
      String(r.fatalities ?? 0),
      tags(r).joined(separator: "; "),
      timestamp,
    ]
  }

  /// The digits of our id without leading zeros (`evt-000123` -> `123`); the whole id if it has none.
  static func number(of id: String) -> String {
    let digits = id.filter(\.isASCII).filter(\.isNumber)
    guard !digits.isEmpty else { return id }
    let trimmed = digits.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : String(trimmed)
  }

  /// ACLED's interaction code: the two actors' codes, smaller first; a lone actor's code times ten.
  static func interaction(_ a: Int?, _ b: Int?, hasActor2: Bool) -> Int? {
    guard let a else { return nil }
    guard let b else { return hasActor2 ? nil : a * 10 }
    return min(a, b) * 10 + max(a, b)
  }

  static func geoPrecision(_ precision: String) -> String {
    switch precision {
    case "site", "locality": "1"
    case "district": "2"
    default: "3"
    }
  }

  private func outlets(_ r: EventRecord) -> [String] {
    var seen = Set<String>()
    return r.documents.map { context.sources($0)?.outlet ?? $0 }.filter { seen.insert($0).inserted }
  }

  private func notes(_ r: EventRecord) -> String {
    guard let first = r.sources.first, !first.text.isEmpty else { return r.displaySummary }
    return r.displaySummary + " Evidence: " + first.text
  }

  private func tags(_ r: EventRecord) -> [String] {
    var tags = ["certainty: \(r.certainty)"]
    if r.background { tags.append("background") }
    if r.fatalities == nil { tags.append("fatalities not reported") }
    if !r.contradictions.isEmpty {
      tags.append("sources disagree: " + r.contradictions.map(\.field).joined(separator: ", "))
    }
    return tags
  }
}
