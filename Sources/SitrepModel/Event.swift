/// Where an event happened, as precisely as the text supports.
public struct EventPlace: Sendable, Hashable {
  public var name: String
  public var country: String?
  public var admin1: String?
  public var lat: Double?
  public var lon: Double?
  /// `site`, `locality`, `district`, `admin1`, `country` or `region`.
  public var precision: String
  /// The gazetteer id, when the place came from the gazetteer.
  public var placeID: String?

  public init(name: String, country: String?, admin1: String?, lat: Double?, lon: Double?, precision: String, placeID: String?) {
    self.name = name
    self.country = country
    self.admin1 = admin1
    self.lat = lat
    self.lon = lon
    self.precision = precision
    self.placeID = placeID
  }

  public var specificity: Int { GeoPrecision.rank(precision) }
}

/// An actor as an event names it.
public struct EventActor: Sendable, Hashable {
  public var name: String
  /// The canonical actor id, when known.
  public var id: String?
  /// The words of the text that named it.
  public var surface: String
  /// The side it is on (`us`, `israel`, `iran-axis`, …), for telling incidents apart.
  public var side: String?

  public init(name: String, id: String?, surface: String, side: String? = nil) {
    self.name = name
    self.id = id
    self.surface = surface
    self.side = side
  }
}

/// One piece of evidence: the words that gave a field, and the rule that fired.
public struct Evidence: Sendable, Hashable {
  public var field: String
  public var range: TextRange
  public var rule: String

  public init(field: String, range: TextRange, rule: String) {
    self.field = field
    self.range = range
    self.rule = rule
  }
}

/// A casualty figure with its source sentence.
public struct CasualtyClaim: Sendable, Hashable {
  public var kind: String  // "fatalities" or "injuries"
  public var count: Int
  public var range: TextRange
  public var rule: String

  public init(kind: String, count: Int, range: TextRange, rule: String) {
    self.kind = kind
    self.count = count
    self.range = range
    self.rule = rule
  }
}

/// One source sentence of an event.
public struct EventSource: Sendable, Hashable {
  public var document: String
  public var sentence: TextRange
  public var reportedBy: String?

  public init(document: String, sentence: TextRange, reportedBy: String?) {
    self.document = document
    self.sentence = sentence
    self.reportedBy = reportedBy
  }
}

/// An event found in one article, with the evidence for every field.
public struct ExtractedEvent: Sendable, Hashable {
  public var eventType: String
  public var subEventType: String
  public var date: FuzzyDate
  public var place: EventPlace
  public var actor1: EventActor?
  public var actor2: EventActor?
  public var weapons: [String]
  public var fatalities: Int?
  public var injuries: Int?
  public var casualtyClaims: [CasualtyClaim]
  /// `confirmed`, `reported`, `alleged`, `claimed` or `disputed`.
  public var certainty: String
  public var background: Bool
  public var sources: [EventSource]
  public var evidence: [Evidence]
  /// Whether its description carries its own date and its own count or
  /// weapon (another such description on the same day is another incident).
  public var isSpecific: Bool
  /// Whether the date came from the text of its own sentence.
  public var hasOwnDate: Bool

  public init(
    eventType: String, subEventType: String, date: FuzzyDate, place: EventPlace, actor1: EventActor?,
    actor2: EventActor?, weapons: [String], fatalities: Int?, injuries: Int?, casualtyClaims: [CasualtyClaim],
    certainty: String, background: Bool, sources: [EventSource], evidence: [Evidence], isSpecific: Bool,
    hasOwnDate: Bool
  ) {
    self.eventType = eventType
    self.subEventType = subEventType
    self.date = date
    self.place = place
    self.actor1 = actor1
    self.actor2 = actor2
    self.weapons = weapons
    self.fatalities = fatalities
    self.injuries = injuries
    self.casualtyClaims = casualtyClaims
    self.certainty = certainty
    self.background = background
    self.sources = sources
    self.evidence = evidence
    self.isSpecific = isSpecific
    self.hasOwnDate = hasOwnDate
  }
}

/// Something the extractor looked at and did not make an event of, and why.
public struct Diagnostic: Sendable, Hashable {
  public var rule: String
  public var range: TextRange
  public var message: String

  public init(rule: String, range: TextRange, message: String) {
    self.rule = rule
    self.range = range
    self.message = message
  }
}

/// What extraction produced for one document.
public struct Extraction: Sendable {
  public var document: Document
  public var events: [ExtractedEvent]
  public var diagnostics: [Diagnostic]

  public init(document: Document, events: [ExtractedEvent], diagnostics: [Diagnostic]) {
    self.document = document
    self.events = events
    self.diagnostics = diagnostics
  }
}
