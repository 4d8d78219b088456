import SitrepModel

/// A GeoJSON FeatureCollection (RFC 7946), streamed: the header in `begin`, one
/// Feature per line in `write`, the closing brackets in `finish`.
///
/// Each Feature has a Point `[lon, lat]` rounded to 5 decimals (about a metre),
/// or a `null` geometry when the event has no coordinates (RFC 7946 section
/// 3.2), and flat properties that QGIS and similar tools show as columns:
/// lists are joined with `; `, contradictions are written as one line.
struct GeoJSONWriter: EventWriter {
  private var stream: JSONArrayStream
  private let lookup: ExportLookup

  init(sink: any OutputSink, context: ExportContext) {
    stream = JSONArrayStream(sink: sink, opening: #"{"type":"FeatureCollection","features":["#, closing: "]}")
    lookup = ExportLookup(context.lexicon)
  }

  mutating func begin() throws { try stream.begin() }

  mutating func write(_ record: EventRecord) throws { try stream.append(feature(record)) }

  mutating func finish() throws { try stream.finish() }

  func feature(_ r: EventRecord) -> JSONText {
    let place = r.location
    var geometry = JSONText.null
    if let lat = place.lat, let lon = place.lon {
      geometry = .object([
        ("type", .string("Point")),
        ("coordinates", .array([.number(lon, places: 5), .number(lat, places: 5)])),
      ])
    }
    let properties: [(String, JSONText)] = [
      ("id", .string(r.id)),
      ("event_type", .string(r.eventType)),
      ("sub_event_type", .string(r.subEventType)),
      ("date", .string(r.date)),
      ("date_precision", .string(r.datePrecision)),
      ("location", .string(place.name)),
      ("country", .nullable(place.country)),
      ("admin1", .nullable(place.admin1)),
      ("geo_precision", .string(place.precision)),
      ("actor1", .nullable(lookup.name(r.actor1))),
      ("actor2", .nullable(lookup.name(r.actor2))),
      ("weapons", .string(r.weapons.joined(separator: "; "))),
      ("fatalities", .nullable(r.fatalities)),
      ("injuries", .nullable(r.injuries)),
      ("certainty", .string(r.certainty)),
      ("background", .bool(r.background)),
      ("source_count", .int(r.sourceCount)),
      ("summary", .string(r.displaySummary)),
      ("sources", .string(r.documents.joined(separator: "; "))),
      ("contradictions", .string(r.contradictionText)),
    ]
    return .object([
      ("type", .string("Feature")),
      ("id", .string(r.id)),
      ("geometry", geometry),
      ("properties", .object(properties)),
    ])
  }
}
