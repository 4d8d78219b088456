import Foundation
import Hummingbird
import SitrepLexicon

/// Folded names of the lexicon's actors and places, for autocomplete.
struct NameIndex: Sendable {
  struct Entry: Sendable {
    var position: Int
    /// Canonical name first, then aliases; folded.
    var names: [String]
    var surfaces: [String]
  }

  let actors: [Entry]
  let places: [Entry]

  init(lexicon: Lexicon) {
    actors = lexicon.actors.enumerated().map { i, a in
      let s = [a.name] + a.aliases
      return Entry(position: i, names: s.map(Self.fold), surfaces: s)
    }
    places = lexicon.places.enumerated().map { i, p in
      let s = [p.name] + p.aliases
      return Entry(position: i, names: s.map(Self.fold), surfaces: s)
    }
  }

  /// Case, accents, curly quotes and dashes do not matter.
  static func fold(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
      .replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\u{2010}", with: "-")
      .replacingOccurrences(of: "\u{2013}", with: "-")
  }

  /// Entries some name of which starts with `q` (best: the canonical name; then
  /// an alias; then a word inside a name), with the name that matched.
  static func search(_ q: String, in entries: [Entry], limit: Int) -> [(Entry, String)] {
    let needle = fold(q.trimmingCharacters(in: .whitespaces))
    guard !needle.isEmpty else { return [] }
    var hits: [(rank: Int, entry: Entry, surface: String)] = []
    for e in entries {
      var best: (Int, String)?
      for (i, n) in e.names.enumerated() {
        let rank: Int
        if n.hasPrefix(needle) {
          rank = i == 0 ? 0 : 1
        } else if n.split(whereSeparator: { $0 == " " || $0 == "-" }).dropFirst().contains(where: { $0.hasPrefix(needle) }) {
          rank = 2
        } else {
          continue
        }
        if best.map({ rank < $0.0 }) ?? true { best = (rank, e.surfaces[i]) }
        if rank == 0 { break }
      }
      if let best { hits.append((best.0, e, best.1)) }
    }
    hits.sort { ($0.rank, $0.entry.surfaces[0].count, $0.entry.surfaces[0]) < ($1.rank, $1.entry.surfaces[0].count, $1.entry.surfaces[0]) }
    return hits.prefix(limit).map { ($0.entry, $0.surface) }
  }
}

extension API {
  static let maxLookup = 20

  /// `GET /api/actors?q=`: actors whose name or alias starts with q.
  func actors(_ request: Request) throws -> Response {
    let q = try query(request, route: "/api/actors")
    guard let text = q.string("q") else { throw APIError.badRequest("q is required: the start of an actor's name or alias") }
    let limit = try q.limit(default: Self.maxLookup, max: Self.maxLookup)
    let found = NameIndex.search(text, in: lookup.actors, limit: limit).map { entry, matched in
      let a = lexicon.actors[entry.position]
      return ActorHit(
        id: a.id, name: a.name, parent: a.parent, parentName: a.parent.flatMap { lexicon.actor(id: $0)?.name }, kind: a.kind,
        country: a.country.isEmpty ? nil : a.country, side: a.side.isEmpty ? nil : a.side, aliases: a.aliases.filter { $0 != a.name }, matched: matched)
    }
    return try JSON.response(["actors": found])
  }

  /// `GET /api/places?q=`: gazetteer places whose name or alias starts with q.
  func places(_ request: Request) throws -> Response {
    let q = try query(request, route: "/api/places")
    guard let text = q.string("q") else { throw APIError.badRequest("q is required: the start of a place's name or alias") }
    let limit = try q.limit(default: Self.maxLookup, max: Self.maxLookup)
    let found = NameIndex.search(text, in: lookup.places, limit: limit).map { entry, matched in
      let p = lexicon.places[entry.position]
      return PlaceHit(
        id: p.id, name: p.name, kind: p.kind, precision: p.precision, country: p.country,
        admin1: p.admin1.isEmpty ? nil : p.admin1, lat: p.lat, lon: p.lon, matched: matched)
    }
    return try JSON.response(["places": found])
  }
}

struct ActorHit: Encodable {
  var id: String
  var name: String
  var parent: String?
  var parentName: String?
  var kind: String
  var country: String?
  var side: String?
  var aliases: [String]
  var matched: String

  enum CodingKeys: String, CodingKey {
    case id, name, parent, kind, country, side, aliases, matched
    case parentName = "parent_name"
  }
}

struct PlaceHit: Encodable {
  var id: String
  var name: String
  var kind: String
  var precision: String
  var country: String
  var admin1: String?
  var lat: Double
  var lon: Double
  var matched: String
}
