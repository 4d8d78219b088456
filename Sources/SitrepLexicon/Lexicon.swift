import Foundation
import SitrepModel
import SitrepText

/// A place of the gazetteer.
public struct Place: Sendable, Hashable {
  public var id: String
  public var name: String
  public var kind: String
  /// `site`, `locality`, `district`, `admin1`, `country` or `region`.
  public var precision: String
  /// ISO 3166-1 alpha-2; `XX` for seas.
  public var country: String
  public var admin1: String
  public var lat: Double
  public var lon: Double
  public var population: Int
  /// Other names the place goes by (the gazetteer's alias column).
  public var aliases: [String] = []

  public init(
    id: String, name: String, kind: String, precision: String, country: String, admin1: String, lat: Double,
    lon: Double, population: Int
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.precision = precision
    self.country = country
    self.admin1 = admin1
    self.lat = lat
    self.lon = lon
    self.population = population
  }

  /// Rank of precision: higher is more specific.
  public var specificity: Int { GeoPrecision.rank(precision) }
}

/// A canonical actor with its place in the hierarchy.
public struct Actor: Sendable, Hashable {
  public var id: String
  public var name: String
  public var parent: String?
  public var kind: String
  public var country: String
  public var inter: Int
  public var side: String
  /// Other names and spellings (the lexicon's alias column).
  public var aliases: [String] = []
}

/// A country, with its names and demonyms.
public struct Country: Sendable, Hashable {
  public var iso2: String
  public var name: String
  /// ACLED region name.
  public var region: String
  /// ISO 3166-1 alpha-3 (`SYR`); empty when the lexicon file does not give it.
  public var iso3: String = ""
  /// ISO 3166-1 numeric (`760` for Syria), nil when the lexicon file does not give it.
  public var numeric: Int? = nil
}

/// A weapon type.
public struct Weapon: Sendable, Hashable {
  public var surface: String
  public var canonical: String
  public var subEventHint: String
  public var isDefense: Bool
}

/// A word that signals an incident.
public struct Trigger: Sendable, Hashable {
  public var surface: String
  public var lemma: String
  public var eventType: String
  public var subEventType: String
  /// `event`, `casualty` or `weak`.
  public var role: String
  public var weight: Double
}

/// A phrase that hedges, claims, denies, rejects or attributes.
public struct Cue: Sendable, Hashable {
  public var surface: String
  /// `hedge`, `claim`, `denial`, `threat`, `aggregate`, `negation`, `hypothetical`,
  /// `background`, `attribution`, `no-casualties`.
  public var cue: String
}

/// Everything Sitrep knows about the world, loaded once from data files and
/// frozen: gazetteer, actors, countries, weapons, triggers, cues, calendar,
/// numbers, abbreviations, the ACLED taxonomy.
public struct Lexicon: Sendable {
  public private(set) var places: [Place]
  public let actors: [Actor]
  public let countries: [Country]
  public let weapons: [Weapon]
  public let triggers: [Trigger]
  public let cues: [Cue]
  /// folded surface -> month (1-12) or weekday (1 = Sunday)
  public let months: [String: Int]
  public let weekdays: [String: Int]
  public let numbers: [String: Int]
  public let abbreviations: Set<String>
  public let nameArticles: Set<String>
  /// Lower-case words that may begin a place name ("eastern Syria").
  public let directionWords: Set<String>
  /// Words after a trigger that make it a modifier ("assault ship").
  public let triggerBlockers: Set<String>
  /// Place names that are also common words ("Hit", "Salt"): places only after a locative word.
  public let commonWordPlaces: Set<String>
  /// event_type -> its sub_event_types
  public let taxonomy: [String: [String]]
  public let disorderTypes: [String: String]

  /// Exact-form matchers.
  public private(set) var placeMatcher: PhraseMatcher
  public private(set) var placeLooseMatcher: PhraseMatcher
  public let actorMatcher: PhraseMatcher
  public let countryMatcher: PhraseMatcher
  public let weaponMatcher: PhraseMatcher
  public let triggerMatcher: PhraseMatcher
  public let cueMatcher: PhraseMatcher

  let actorIndex: [String: Int]
  /// The actor matcher's payloads are surfaces: each points at its actor,
  /// with the letter case a text must show to match it.
  public let actorSurfaces: [Int]
  public let actorSurfaceCase: [SurfaceCase]
  private(set) var placeIndex: [String: Int]
  /// country iso2 -> index into `places` of its country row.
  public let countryPlace: [String: Int]

  /// The lexicon shipped with Sitrep, loaded once per process.
  public static func bundled() throws -> Lexicon {
    try cache.withLock { cached in
      if let cached { return cached }
      guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
        throw SitrepError(.notFound, "the bundled lexicon (SitrepLexicon/Resources) is missing from this build")
      }
      let lexicon = try Lexicon(directory: url)
      cached = lexicon
      return lexicon
    }
  }

  private static let cache = LockedBox<Lexicon?>(nil)

  /// Loads a lexicon directory laid out like `Resources/` (lexicon/, patterns/, taxonomy/).
  /// - Throws: ``SitrepError`` naming `file:line` for any malformed row.
  public init(directory: URL) throws {
    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    // taxonomy
    var taxonomy: [String: [String]] = [:]
    var disorder: [String: String] = [:]
    for row in try TSV(contentsOf: url("taxonomy/acled.tsv"), columns: 3).rows {
      taxonomy[row[0], default: []].append(row[1])
      disorder[row[0] + "|" + row[1]] = row[2]
    }
    self.taxonomy = taxonomy
    self.disorderTypes = disorder
    func checkPair(_ type: String, _ sub: String, _ at: String) throws {
      guard !type.isEmpty else { return }
      guard let subs = taxonomy[type] else {
        throw SitrepError(.malformed, "unknown event_type '\(type)'", at: at)
      }
      if !sub.isEmpty && !subs.contains(sub) {
        throw SitrepError(.malformed, "'\(sub)' is not a sub_event_type of '\(type)'", at: at)
      }
    }

    nameArticles = Set(try TSV.lines(contentsOf: url("patterns/articles.txt")))
    directionWords = Set(try TSV.lines(contentsOf: url("patterns/directions.txt")))
    triggerBlockers = Set(try TSV.lines(contentsOf: url("patterns/trigger-blockers.txt")))
    commonWordPlaces = Set(try TSV.lines(contentsOf: url("patterns/common-word-places.txt")))
    abbreviations = Set(try TSV.lines(contentsOf: url("patterns/abbreviations.txt")))
    var months: [String: Int] = [:]
    var weekdays: [String: Int] = [:]
    let calendar = try TSV(contentsOf: url("patterns/calendar.tsv"), columns: 3)
    for row in calendar.rows {
      guard let v = Int(row[2]) else { throw SitrepError(.malformed, "value must be a number", at: calendar.location(row)) }
      if row[1] == "month" { months[row[0]] = v } else { weekdays[row[0]] = v }
    }
    self.months = months
    self.weekdays = weekdays
    var numbers: [String: Int] = [:]
    let numberTable = try TSV(contentsOf: url("patterns/numbers.tsv"), columns: 2)
    for row in numberTable.rows {
      guard let v = Int(row[1]) else {
        throw SitrepError(.malformed, "value must be a number", at: numberTable.location(row))
      }
      numbers[row[0]] = v
    }
    self.numbers = numbers

    // places
    var places: [Place] = []
    var placeIndex: [String: Int] = [:]
    var placeMatcher = PhraseMatcher(key: .norm)
    var looseMatcher = PhraseMatcher(key: .loose, articles: nameArticles)
    let placeTable = try TSV(contentsOf: url("lexicon/places.tsv"), columns: 10)
    for row in placeTable.rows {
      guard let lat = Double(row[7]), let lon = Double(row[8]), (-90...90).contains(lat), (-180...180).contains(lon)
      else {
        throw SitrepError(.malformed, "lat/lon must be decimal degrees", at: placeTable.location(row))
      }
      guard ["site", "locality", "district", "admin1", "country", "region"].contains(row[4]) else {
        throw SitrepError(.malformed, "unknown precision '\(row[4])'", at: placeTable.location(row))
      }
      guard placeIndex[row[0]] == nil else {
        throw SitrepError(.malformed, "duplicate place id '\(row[0])'", at: placeTable.location(row))
      }
      var place = Place(
        id: row[0], name: row[1], kind: row[3], precision: row[4], country: row[5], admin1: row[6], lat: lat,
        lon: lon, population: Int(row[9]) ?? 0)
      place.aliases = row[2].pipeList
      placeIndex[place.id] = places.count
      for name in [row[1]] + row[2].pipeList {
        placeMatcher.add(name, payload: places.count)
        looseMatcher.add(name, payload: places.count)
      }
      places.append(place)
    }
    self.places = places
    self.placeIndex = placeIndex
    self.placeMatcher = placeMatcher
    self.placeLooseMatcher = looseMatcher
    var countryPlace: [String: Int] = [:]
    for (i, p) in places.enumerated() where p.precision == "country" { countryPlace[p.country] = i }
    self.countryPlace = countryPlace

    // countries: names and demonyms point at the country
    var countries: [Country] = []
    var countryMatcher = PhraseMatcher(key: .norm)
    let countryTable = try TSV(contentsOf: url("lexicon/countries.tsv"), columns: 7)
    for row in countryTable.rows {
      for surface in [row[1]] + row[2].pipeList + row[3].pipeList {
        countryMatcher.add(surface, payload: countries.count)
      }
      guard row[5].isEmpty || (row[5].count == 3 && row[5].allSatisfy { $0.isASCII && $0.isUppercase }) else {
        throw SitrepError(.malformed, "iso3 must be three capital letters", at: countryTable.location(row))
      }
      guard row[6].isEmpty || (row[6].count == 3 && row[6].allSatisfy(\.isASCII) && Int(row[6]) != nil) else {
        throw SitrepError(.malformed, "numeric must be three digits", at: countryTable.location(row))
      }
      var country = Country(iso2: row[0], name: row[1], region: row[4])
      country.iso3 = row[5]
      country.numeric = Int(row[6])
      countries.append(country)
    }
    self.countries = countries
    self.countryMatcher = countryMatcher

    // actors
    var actors: [Actor] = []
    var actorIndex: [String: Int] = [:]
    var actorMatcher = PhraseMatcher(key: .norm)
    var actorSurfaces: [Int] = []
    var actorSurfaceCase: [SurfaceCase] = []
    let actorTable = try TSV(contentsOf: url("lexicon/actors.tsv"), columns: 8)
    for row in actorTable.rows {
      guard actorIndex[row[0]] == nil else {
        throw SitrepError(.malformed, "duplicate actor id '\(row[0])'", at: actorTable.location(row))
      }
      actorIndex[row[0]] = actors.count
      for surface in [row[1]] + row[2].pipeList {
        actorMatcher.add(surface, payload: actorSurfaces.count)
        actorSurfaces.append(actors.count)
        actorSurfaceCase.append(SurfaceCase(of: surface))
      }
      actors.append(
        Actor(
          id: row[0], name: row[1], parent: row[3].isEmpty ? nil : row[3], kind: row[4], country: row[5],
          inter: Int(row[6]) ?? 8, side: row[7], aliases: row[2].pipeList))
    }
    for (row, actor) in zip(actorTable.rows, actors) {
      if let parent = actor.parent, actorIndex[parent] == nil {
        throw SitrepError(.malformed, "parent '\(parent)' is not an actor id", at: actorTable.location(row))
      }
    }
    self.actors = actors
    self.actorIndex = actorIndex
    self.actorMatcher = actorMatcher
    self.actorSurfaces = actorSurfaces
    self.actorSurfaceCase = actorSurfaceCase

    // weapons
    var weapons: [Weapon] = []
    var weaponMatcher = PhraseMatcher(key: .norm)
    let weaponTable = try TSV(contentsOf: url("lexicon/weapons.tsv"), columns: 4)
    for row in weaponTable.rows {
      if !row[2].isEmpty {
        guard taxonomy.values.contains(where: { $0.contains(row[2]) }) else {
          throw SitrepError(.malformed, "unknown sub_event_hint '\(row[2])'", at: weaponTable.location(row))
        }
      }
      weaponMatcher.add(row[0], payload: weapons.count)
      weapons.append(Weapon(surface: row[0], canonical: row[1], subEventHint: row[2], isDefense: row[3] == "defense"))
    }
    self.weapons = weapons
    self.weaponMatcher = weaponMatcher

    // triggers
    var triggers: [Trigger] = []
    var triggerMatcher = PhraseMatcher(key: .norm)
    let triggerTable = try TSV(contentsOf: url("lexicon/triggers.tsv"), columns: 6)
    for row in triggerTable.rows {
      try checkPair(row[2], row[3], triggerTable.location(row))
      triggerMatcher.add(row[0], payload: triggers.count)
      triggers.append(
        Trigger(
          surface: row[0], lemma: row[1], eventType: row[2], subEventType: row[3], role: row[4],
          weight: Double(row[5]) ?? 1))
    }
    self.triggers = triggers
    self.triggerMatcher = triggerMatcher

    // cues
    var cues: [Cue] = []
    var cueMatcher = PhraseMatcher(key: .norm)
    let cueTable = try TSV(contentsOf: url("lexicon/cues.tsv"), columns: 4)
    for row in cueTable.rows {
      cueMatcher.add(row[0], payload: cues.count)
      cues.append(Cue(surface: row[0], cue: row[1]))
    }
    self.cues = cues
    self.cueMatcher = cueMatcher
  }

  /// Adds imported places (ids already present are skipped).
  mutating func extend(with extra: [ImportedPlace]) {
    for item in extra where placeIndex[item.place.id] == nil {
      placeIndex[item.place.id] = places.count
      for name in [item.place.name] + item.aliases {
        placeMatcher.add(name, payload: places.count)
        placeLooseMatcher.add(name, payload: places.count)
      }
      places.append(item.place)
    }
  }

  public func actor(id: String) -> Actor? { actorIndex[id].map { actors[$0] } }
  public func actorPosition(id: String) -> Int? { actorIndex[id] }
  public func place(id: String) -> Place? { placeIndex[id].map { places[$0] } }

  /// Actors a user's words name: an id, the canonical name or any alias.
  public func actors(named text: String) -> [Actor] {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let a = actor(id: trimmed) { return [a] }
    var seen = Set<Int>()
    return actorMatcher.lookup(trimmed).map { actorSurfaces[$0] }.filter { seen.insert($0).inserted }.map { actors[$0] }
  }

  /// Places a user's words name (exact names and aliases), the most populous first.
  public func places(named text: String) -> [Place] {
    let hits = Set(placeMatcher.lookup(text.trimmingCharacters(in: .whitespaces)))
    return hits.map { places[$0] }.sorted { ($0.specificity, $0.population, $0.id) > ($1.specificity, $1.population, $1.id) }
  }

  /// The country a user's words name: an ISO code, the name or an alias.
  public func country(named text: String) -> Country? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let c = countries.first(where: { $0.iso2.caseInsensitiveCompare(trimmed) == .orderedSame }) { return c }
    return countryMatcher.lookup(trimmed).first.map { countries[$0] }
  }

  /// The actor's ancestors, nearest first.
  public func ancestors(of id: String) -> [Actor] {
    var out: [Actor] = []
    var current = actor(id: id)?.parent
    while let p = current, let a = actor(id: p), !out.contains(a) {
      out.append(a)
      current = a.parent
    }
    return out
  }

  /// The actor and everything below it in the hierarchy.
  public func descendants(of id: String) -> Set<String> {
    var out: Set<String> = [id]
    var changed = true
    while changed {
      changed = false
      for a in actors where !out.contains(a.id) {
        if let p = a.parent, out.contains(p) {
          out.insert(a.id)
          changed = true
        }
      }
    }
    return out
  }

  /// The sentence splitter configured with this lexicon's abbreviations.
  public var sentenceSplitter: SentenceSplitter { SentenceSplitter(abbreviations: abbreviations) }
}

/// The letter case a text must show to match a lexicon surface.
public enum SurfaceCase: Sendable {
  /// An acronym ("US", "IDF"): the text's word must be in capitals too.
  case allCaps
  /// A name ("Iran", "Hezbollah"): the text's word must start with a capital.
  case capitalized
  /// A description ("militias", "gunmen"): any case.
  case any

  init(of surface: String) {
    let firstWord = surface.prefix { $0.isLetter || $0 == "." }
    let letters = firstWord.filter(\.isLetter)
    if letters.count >= 2 && letters.allSatisfy(\.isUppercase) {
      self = .allCaps
    } else if letters.first?.isUppercase == true {
      self = .capitalized
    } else {
      self = .any
    }
  }
}

/// A value behind a lock, for the one process-wide lexicon cache.
final class LockedBox<Value>: @unchecked Sendable {
  // @unchecked: every access goes through `lock`.
  private let lock = NSLock()
  private var value: Value
  init(_ value: Value) { self.value = value }
  func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
