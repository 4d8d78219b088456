/// An event as exported: exactly the JSONL format of EVENTS.md (plus added
/// fields). Offsets are Unicode code points into the article's stored text.
public struct EventRecord: Sendable, Codable, Hashable {
  public struct Location: Sendable, Codable, Hashable {
    public var name: String
    public var country: String?
    public var admin1: String?
    public var lat: Double?
    public var lon: Double?
    public var precision: String

    public init(name: String, country: String?, admin1: String?, lat: Double?, lon: Double?, precision: String) {
      self.name = name
      self.country = country
      self.admin1 = admin1
      self.lat = lat
      self.lon = lon
      self.precision = precision
    }
  }

  public struct ActorRef: Sendable, Codable, Hashable {
    public var name: String
    /// Added field: the canonical actor id.
    public var id: String?

    public init(name: String, id: String?) {
      self.name = name
      self.id = id
    }
  }

  public struct Source: Sendable, Codable, Hashable {
    public var document: String
    public var start: Int
    public var end: Int
    public var text: String
    public var reportedBy: String?

    enum CodingKeys: String, CodingKey {
      case document, start, end, text
      case reportedBy = "reported_by"
    }

    public init(document: String, start: Int, end: Int, text: String, reportedBy: String?) {
      self.document = document
      self.start = start
      self.end = end
      self.text = text
      self.reportedBy = reportedBy
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(document, forKey: .document)
      try c.encode(start, forKey: .start)
      try c.encode(end, forKey: .end)
      try c.encode(text, forKey: .text)
      try c.encode(reportedBy, forKey: .reportedBy)
    }
  }

  /// Where sources disagree: every claim with its source (added field).
  public struct Contradiction: Sendable, Codable, Hashable {
    public struct Claim: Sendable, Codable, Hashable {
      public var value: String
      public var document: String

      public init(value: String, document: String) {
        self.value = value
        self.document = document
      }
    }

    public var field: String
    public var claims: [Claim]

    public init(field: String, claims: [Claim]) {
      self.field = field
      self.claims = claims
    }
  }

  public var id: String
  public var eventType: String
  public var subEventType: String
  public var date: String
  public var datePrecision: String
  public var location: Location
  public var actor1: ActorRef?
  public var actor2: ActorRef?
  public var weapons: [String]
  public var fatalities: Int?
  public var injuries: Int?
  public var certainty: String
  public var background: Bool
  public var sources: [Source]
  public var summary: String
  /// Added field: where the sources disagree.
  public var contradictions: [Contradiction] = []
  /// Added field: distinct articles supporting the event, near-copies counted once.
  public var sourceCount: Int = 1
  /// Added field: an analyst's verdict, `confirmed` or `rejected`; nil when nobody reviewed it.
  public var review: String?

  enum CodingKeys: String, CodingKey {
    case id, date, location, actor1, actor2, weapons, fatalities, injuries, certainty, background, sources, summary
    case contradictions, review
    case sourceCount = "source_count"
    case eventType = "event_type"
    case subEventType = "sub_event_type"
    case datePrecision = "date_precision"
  }

  public init(
    id: String, eventType: String, subEventType: String, date: String, datePrecision: String, location: Location,
    actor1: ActorRef?, actor2: ActorRef?, weapons: [String], fatalities: Int?, injuries: Int?, certainty: String,
    background: Bool, sources: [Source], summary: String
  ) {
    self.id = id
    self.eventType = eventType
    self.subEventType = subEventType
    self.date = date
    self.datePrecision = datePrecision
    self.location = location
    self.actor1 = actor1
    self.actor2 = actor2
    self.weapons = weapons
    self.fatalities = fatalities
    self.injuries = injuries
    self.certainty = certainty
    self.background = background
    self.sources = sources
    self.summary = summary
  }

  /// Nulls are written, not dropped: the contract lists every field.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(eventType, forKey: .eventType)
    try c.encode(subEventType, forKey: .subEventType)
    try c.encode(date, forKey: .date)
    try c.encode(datePrecision, forKey: .datePrecision)
    try c.encode(location, forKey: .location)
    try c.encode(actor1, forKey: .actor1)
    try c.encode(actor2, forKey: .actor2)
    try c.encode(weapons, forKey: .weapons)
    try c.encode(fatalities, forKey: .fatalities)
    try c.encode(injuries, forKey: .injuries)
    try c.encode(certainty, forKey: .certainty)
    try c.encode(background, forKey: .background)
    try c.encode(sources, forKey: .sources)
    try c.encode(summary, forKey: .summary)
    try c.encode(contradictions, forKey: .contradictions)
    try c.encode(sourceCount, forKey: .sourceCount)
    try c.encodeIfPresent(review, forKey: .review)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    eventType = try c.decode(String.self, forKey: .eventType)
    subEventType = try c.decode(String.self, forKey: .subEventType)
    date = try c.decode(String.self, forKey: .date)
    datePrecision = try c.decode(String.self, forKey: .datePrecision)
    location = try c.decode(Location.self, forKey: .location)
    actor1 = try c.decodeIfPresent(ActorRef.self, forKey: .actor1)
    actor2 = try c.decodeIfPresent(ActorRef.self, forKey: .actor2)
    weapons = try c.decodeIfPresent([String].self, forKey: .weapons) ?? []
    fatalities = try c.decodeIfPresent(Int.self, forKey: .fatalities)
    injuries = try c.decodeIfPresent(Int.self, forKey: .injuries)
    certainty = try c.decode(String.self, forKey: .certainty)
    background = try c.decodeIfPresent(Bool.self, forKey: .background) ?? false
    sources = try c.decodeIfPresent([Source].self, forKey: .sources) ?? []
    summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
    contradictions = try c.decodeIfPresent([Contradiction].self, forKey: .contradictions) ?? []
    sourceCount = try c.decodeIfPresent(Int.self, forKey: .sourceCount) ?? sources.count
    review = try c.decodeIfPresent(String.self, forKey: .review)
  }

  /// A one-line description built from the fields (never invented text).
  public var generatedSummary: String {
    var s = subEventType
    if let a = actor1?.name { s += " by \(a)" }
    if let b = actor2?.name { s += " against \(b)" }
    s += (location.precision == "region" || location.precision == "country" ? " in " : " at ") + location.name
    s += ", \(date)"
    var parts: [String] = []
    if let f = fatalities { parts.append(f == 0 ? "no fatalities" : "\(f) killed") }
    if let i = injuries { parts.append(i == 0 ? "no injuries" : "\(i) injured") }
    if !weapons.isEmpty { parts.append("weapons: " + weapons.joined(separator: ", ")) }
    if sourceCount > 1 { parts.append("\(sourceCount) sources") }
    if !contradictions.isEmpty { parts.append("sources disagree on " + contradictions.map(\.field).joined(separator: ", ")) }
    if !parts.isEmpty { s += "; " + parts.joined(separator: "; ") }
    return s + "."
  }
}

extension ExtractedEvent {
  /// A one-line description built from the fields (never invented text).
  public var summary: String {
    var s = subEventType
    if let a = actor1?.name { s += " by \(a)" }
    if let b = actor2?.name { s += " against \(b)" }
    s += (place.precision == "region" || place.precision == "country" ? " in " : " at ") + place.name
    s += ", \(date.iso)"
    var parts: [String] = []
    if let f = fatalities { parts.append(f == 0 ? "no fatalities" : "\(f) killed") }
    if let i = injuries { parts.append(i == 0 ? "no injuries" : "\(i) injured") }
    if !weapons.isEmpty { parts.append("weapons: " + weapons.joined(separator: ", ")) }
    if !parts.isEmpty { s += "; " + parts.joined(separator: "; ") }
    return s + "."
  }
}
