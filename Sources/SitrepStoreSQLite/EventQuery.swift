import Foundation
import SitrepLexicon
import SitrepModel

/// Which events a query, an export or a report wants. Every field narrows the
/// set; an empty filter selects every event.
public struct EventFilter: Sendable, Hashable {
  /// Events whose days overlap this range (days since 1970-01-01, inclusive).
  public var days: ClosedRange<Int>?
  /// ISO 3166-1 alpha-2 codes (`XX` for seas).
  public var countries: [String] = []
  /// Within `km` of a point.
  public var near: Near?
  public var eventTypes: [String] = []
  public var subEventTypes: [String] = []
  /// Actor ids (already widened to descendants); matches actor1 or actor2.
  public var actorIDs: [String] = []
  /// The actors as the user named them (for descriptions).
  public var actorNames: [String] = []
  /// Canonical weapon names; an event matches if it names any of them.
  public var weapons: [String] = []
  public var minFatalities: Int?
  public var certainties: [String] = []
  /// Words that must all occur in the event's evidence, summary, place or actors.
  public var text: String?
  /// true: background only; false: no background; nil: both.
  public var background: Bool?
  /// Only events whose sources disagree.
  public var contradictedOnly = false
  /// Events an analyst rejected are left out unless this is set.
  public var includeRejected = false
  public var limit: Int?
  public var offset: Int = 0

  public struct Near: Sendable, Hashable {
    public var lat: Double
    public var lon: Double
    public var km: Double
    public var name: String

    public init(lat: Double, lon: Double, km: Double, name: String) {
      self.lat = lat
      self.lon = lon
      self.km = km
      self.name = name
    }
  }

  public init() {}

  /// A short description for report headers and logs.
  public var summary: String {
    var parts: [String] = []
    if let d = days {
      parts.append("\(Self.iso(d.lowerBound)) to \(Self.iso(d.upperBound))")
    }
    if !countries.isEmpty { parts.append("country " + countries.joined(separator: "/")) }
    if let n = near { parts.append(String(format: "within %.0f km of %@", n.km, n.name)) }
    if !eventTypes.isEmpty { parts.append(eventTypes.joined(separator: "/")) }
    if !subEventTypes.isEmpty { parts.append(subEventTypes.joined(separator: "/")) }
    if !actorIDs.isEmpty { parts.append("actor " + (actorNames.isEmpty ? actorIDs : actorNames).joined(separator: "/")) }
    if !weapons.isEmpty { parts.append("weapons " + weapons.joined(separator: "/")) }
    if let f = minFatalities { parts.append("≥ \(f) killed") }
    if !certainties.isEmpty { parts.append(certainties.joined(separator: "/")) }
    if let t = text { parts.append("text \"\(t)\"") }
    if let b = background { parts.append(b ? "background only" : "no background") }
    if contradictedOnly { parts.append("sources disagree") }
    return parts.isEmpty ? "all events" : parts.joined(separator: "; ")
  }

  static func iso(_ day: Int) -> String {
    let c = FuzzyDate.civil(day)
    return FuzzyDate(year: c.year, month: c.month, day: c.day).iso
  }
}

/// Turns what a user typed (`--type Bombing`, `--actor "Iran-backed militias"`,
/// `--near Erbil`) into an ``EventFilter``, or an error that lists what is valid.
public struct EventFilterParser: Sendable {
  public let lexicon: Lexicon
  /// Valid values, sorted once (the server parses a filter per request).
  let types: [String]
  let subTypes: [String]
  let weaponNames: [String]
  /// Each actor's id and every id below it in the hierarchy.
  let family: [String: [String]]

  public init(lexicon: Lexicon) {
    self.lexicon = lexicon
    types = lexicon.taxonomy.keys.sorted()
    subTypes = lexicon.taxonomy.values.flatMap { $0 }.sorted()
    weaponNames = Array(Set(lexicon.weapons.map(\.canonical))).sorted()
    var children: [String: [String]] = [:]
    for a in lexicon.actors { if let p = a.parent { children[p, default: []].append(a.id) } }
    var family: [String: [String]] = [:]
    for a in lexicon.actors {
      var out = [a.id]
      var i = 0
      while i < out.count {
        for c in children[out[i]] ?? [] where !out.contains(c) { out.append(c) }
        i += 1
      }
      family[a.id] = out
    }
    self.family = family
  }

  public static let certainties = ["confirmed", "reported", "alleged", "claimed", "disputed"]

  /// What a user may give; every member is optional.
  public struct Input: Sendable {
    public var since: String?
    public var until: String?
    public var countries: [String] = []
    public var near: String?
    public var radius: Double?
    public var types: [String] = []
    public var subTypes: [String] = []
    public var actors: [String] = []
    public var weapons: [String] = []
    public var minFatalities: Int?
    public var certainties: [String] = []
    public var text: String?
    public var background: Bool?
    public var includeRejected = false
    public var limit: Int?
    public var offset: Int?

    public init() {}
  }

  public func parse(_ input: Input) throws -> EventFilter {
    var f = EventFilter()
    let lo = try input.since.map { try day($0, option: "--since").interval.lowerBound }
    let hi = try input.until.map { try day($0, option: "--until").interval.upperBound }
    if lo != nil || hi != nil {
      let a = lo ?? Int.min / 4
      let b = hi ?? Int.max / 4
      guard a <= b else { throw invalid("--since \(input.since ?? "") is after --until \(input.until ?? "")") }
      f.days = a...b
    }
    for c in split(input.countries) {
      if c.uppercased() == "XX" {
        f.countries.append("XX")
        continue
      }
      guard let country = lexicon.country(named: c) else {
        throw invalid(
          "unknown country '\(c)'; give an ISO code or a name, one of: "
            + lexicon.countries.map { "\($0.iso2) (\($0.name))" }.joined(separator: ", ") + ", XX (seas)")
      }
      f.countries.append(country.iso2)
    }
    if let name = input.near {
      guard let place = lexicon.places(named: name).first else {
        throw invalid("'\(name)' is not in the gazetteer; give a town, base or province Sitrep knows (or import more with `sitrep gazetteer import`)")
      }
      let km = input.radius ?? 25
      guard km > 0, km <= 5000 else { throw invalid("--radius must be between 0 and 5000 km, not \(km)") }
      f.near = .init(lat: place.lat, lon: place.lon, km: km, name: place.name)
    } else if input.radius != nil {
      throw invalid("--radius needs --near PLACE")
    }
    for t in split(input.types) {
      guard let hit = types.first(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) else {
        throw invalid("unknown event type '\(t)'; valid types: " + types.joined(separator: ", "))
      }
      f.eventTypes.append(hit)
    }
    for t in split(input.subTypes) {
      guard let hit = subTypes.first(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) else {
        throw invalid("unknown sub-event type '\(t)'; valid sub-event types: " + subTypes.joined(separator: ", "))
      }
      f.subEventTypes.append(hit)
    }
    var actorIDs = Set<String>()
    for a in input.actors {
      let found = lexicon.actors(named: a)
      guard !found.isEmpty else {
        let known = lexicon.actors.filter { $0.parent == nil && $0.kind != "target" }.map(\.name).sorted()
        throw invalid(
          "unknown actor '\(a)'; give an actor's name, alias or id (e.g. " + known.prefix(20).joined(separator: ", ")
            + "); the full list is Resources/lexicon/actors.tsv")
      }
      for actor in found { actorIDs.formUnion(family[actor.id] ?? [actor.id]) }
      f.actorNames.append(found.map(\.name).joined(separator: "/"))
    }
    f.actorIDs = actorIDs.sorted()
    let weapons = weaponNames
    for w in split(input.weapons) {
      let lower = w.lowercased()
      let hit = weapons.first { $0 == lower } ?? lexicon.weapons.first { $0.surface.lowercased() == lower }?.canonical
      guard let hit else { throw invalid("unknown weapon '\(w)'; valid weapons: " + weapons.joined(separator: ", ")) }
      if !f.weapons.contains(hit) { f.weapons.append(hit) }
    }
    if let m = input.minFatalities {
      guard m >= 0 else { throw invalid("--min-fatalities must not be negative") }
      f.minFatalities = m
    }
    for c in split(input.certainties) {
      guard Self.certainties.contains(c.lowercased()) else {
        throw invalid("unknown certainty '\(c)'; valid: " + Self.certainties.joined(separator: ", "))
      }
      f.certainties.append(c.lowercased())
    }
    if let t = input.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty { f.text = t }
    f.background = input.background
    f.includeRejected = input.includeRejected
    if let l = input.limit {
      guard l >= 0 else { throw invalid("--limit must not be negative") }
      f.limit = l
    }
    if let o = input.offset {
      guard o >= 0 else { throw invalid("--offset must not be negative") }
      f.offset = o
    }
    return f
  }

  /// Comma-separated lists and repeated options are the same thing.
  func split(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  func day(_ text: String, option: String) throws -> FuzzyDate {
    guard let d = FuzzyDate.parse(text.trimmingCharacters(in: .whitespaces)) else {
      throw invalid("\(option) '\(text)' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY (and a day the month has)")
    }
    return d
  }

  func invalid(_ message: String) -> SitrepError { SitrepError(.invalidArgument, message) }
}
