import SitrepModel

/// PLOVER-style JSON (Political Language Ontology for Verifiable Event Records,
/// Open Event Data Alliance, manual draft 0.8): one JSON array, streamed one
/// event per line.
///
/// Each element has `id`, `date` (`yyyy-mm-dd`, the first day for month or year
/// dates, with `date_precision` beside it), `event`, `mode` and `context` (lists,
/// as PLOVER allows several), `actor`/`recipient` with their ISO alpha-3
/// `actor_country`/`recipient_country`, `event_loc`, `dead`, `injured`,
/// `text_info` (the evidence sentences with code-point offsets), `cite_info`
/// (the articles), and `acled_event_type`/`acled_sub_event_type` for reference.
/// The category mapping is ``PLOVERMapping``.
struct PLOVERWriter: EventWriter {
  private var stream: JSONArrayStream
  private let context: ExportContext
  private let lookup: ExportLookup

  init(sink: any OutputSink, context: ExportContext) {
    stream = JSONArrayStream(sink: sink, opening: "[", closing: "]")
    self.context = context
    lookup = ExportLookup(context.lexicon)
  }

  mutating func begin() throws { try stream.begin() }

  mutating func write(_ record: EventRecord) throws { try stream.append(element(record)) }

  mutating func finish() throws { try stream.finish() }

  func element(_ r: EventRecord) -> JSONText {
    let coding = PLOVERMapping.coding(for: r)
    let place = r.location
    let textInfo: [JSONText] = r.sources.map { s in
      .object([("document", .string(s.document)), ("start", .int(s.start)), ("end", .int(s.end)), ("text", .string(s.text))])
    }
    let citeInfo: [JSONText] = r.documents.map { id in
      let info = context.sources(id)
      return .object([
        ("document", .string(id)),
        ("url", .nullable(info?.url)),
        ("outlet", .nullable(info?.outlet)),
        ("title", .nullable(info?.title)),
        ("published", .nullable(info?.published)),
      ])
    }
    return .object([
      ("id", .string(r.id)),
      ("date", .string(r.firstDay)),
      ("date_precision", .string(r.datePrecision)),
      ("event", .nullable(coding.event)),
      ("mode", .array(coding.mode.map { .string($0) })),
      ("context", .array(coding.context.map { .string($0) })),
      ("actor", .nullable(lookup.name(r.actor1))),
      ("actor_country", .nullable(lookup.iso3(of: r.actor1))),
      ("recipient", .nullable(lookup.name(r.actor2))),
      ("recipient_country", .nullable(lookup.iso3(of: r.actor2))),
      (
        "event_loc",
        .object([
          ("name", .string(place.name)),
          ("lat", .nullable(place.lat, places: 5)),
          ("lon", .nullable(place.lon, places: 5)),
          ("country", .nullable(place.country)),
          ("cc3", .nullable(lookup.iso3(place.country))),
          ("admin1", .nullable(place.admin1)),
          ("precision", .string(place.precision)),
        ])
      ),
      ("dead", .nullable(r.fatalities)),
      ("injured", .nullable(r.injuries)),
      ("certainty", .string(r.certainty)),
      ("text_info", .array(textInfo)),
      ("cite_info", .array(citeInfo)),
      ("acled_event_type", .string(r.eventType)),
      ("acled_sub_event_type", .string(r.subEventType)),
    ])
  }
}
