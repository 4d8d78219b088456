import SitrepLexicon
import SitrepModel

/// What the writers look up for a record: canonical actor names, their
/// lineage and ACLED interaction codes, and countries by ISO alpha-2 code.
/// Built once per writer.
struct ExportLookup {
  let lexicon: Lexicon
  private let countries: [String: Country]

  init(_ lexicon: Lexicon) {
    self.lexicon = lexicon
    var countries: [String: Country] = [:]
    for c in lexicon.countries { countries[c.iso2] = c }
    self.countries = countries
  }

  /// The country with this alpha-2 code, nil for seas (`XX`), unknown or missing codes.
  func country(_ iso2: String?) -> Country? { iso2.flatMap { countries[$0] } }

  /// The lexicon actor the record refers to, by id.
  func actor(_ ref: EventRecord.ActorRef?) -> Actor? { ref?.id.flatMap { lexicon.actor(id: $0) } }

  /// The canonical lexicon name when the id is known; otherwise the record's own name.
  /// (Record names carry a lineage in parentheses, which the lexicon name does not.)
  func name(_ ref: EventRecord.ActorRef?) -> String? {
    guard let ref else { return nil }
    return actor(ref)?.name ?? ref.name
  }

  /// The names of the actor's ancestors, nearest first (empty for unknown actors).
  func lineage(_ ref: EventRecord.ActorRef?) -> [String] {
    guard let id = actor(ref)?.id else { return [] }
    return lexicon.ancestors(of: id).map(\.name)
  }

  /// ISO alpha-3 of the country with this alpha-2 code, nil when unknown.
  func iso3(_ iso2: String?) -> String? {
    guard let c = country(iso2), !c.iso3.isEmpty else { return nil }
    return c.iso3
  }

  /// ISO alpha-3 of the actor's home country, nil for transnational or unknown actors.
  func iso3(of ref: EventRecord.ActorRef?) -> String? { iso3(actor(ref)?.country) }

  /// The actor's ACLED interaction code for an event in `eventCountry`, nil for unknown actors.
  ///
  /// The rule of `actors.tsv`: a `state` or `state_forces` actor coded 8 (external)
  /// becomes 1 when the event's country is its own (Israel intercepting over Israel);
  /// one coded 1 becomes 8 when the event is in another country (Jordanian airstrikes
  /// in Syria). Events at sea (`XX`) or in no known country keep the lexicon's code:
  /// the sea is nobody's home, and it is not "abroad" in ACLED's sense either.
  func inter(_ ref: EventRecord.ActorRef?, eventCountry: String?) -> Int? {
    guard let a = actor(ref) else { return nil }
    guard a.kind == "state" || a.kind == "state_forces", !a.country.isEmpty,
      let here = eventCountry, !here.isEmpty, here != "XX"
    else { return a.inter }
    if a.inter == 8 && a.country == here { return 1 }
    if a.inter == 1 && a.country != here { return 8 }
    return a.inter
  }
}

extension EventRecord {
  /// The date as `yyyy-mm-dd`, the first day of the month or year for vaguer dates (ACLED's convention).
  var firstDay: String {
    let parts = date.split(separator: "-").map(String.init)
    let year = parts.first ?? date
    let month = parts.count > 1 ? parts[1] : "01"
    let day = parts.count > 2 ? parts[2] : "01"
    return "\(year)-\(month)-\(day)"
  }

  /// Distinct article ids of the sources, in order of first appearance.
  var documents: [String] {
    var seen = Set<String>()
    return sources.map(\.document).filter { seen.insert($0).inserted }
  }

  /// The summary, or one built from the fields when the record has none.
  var displaySummary: String { summary.isEmpty ? generatedSummary : summary }

  /// The contradictions in one line: `fatalities: 3 (doc-a), 5 (doc-b); date: ...`.
  var contradictionText: String {
    contradictions.map { c in
      c.field + ": " + c.claims.map { "\($0.value) (\($0.document))" }.joined(separator: ", ")
    }.joined(separator: "; ")
  }
}
