import Foundation
import Hummingbird
import SitrepModel
import SitrepStoreSQLite

/// The query string of one request, checked against what a route accepts.
struct Query {
  let parameters: [(name: String, value: String)]

  /// Reads the query; any parameter not in `allowed` is a 400 naming it.
  init(_ request: Request, allowed: Set<String>) throws {
    // form encoding: `+` is a space, then percent escapes
    func decode(_ s: Substring) -> String {
      let spaced = s.replacingOccurrences(of: "+", with: " ")
      return spaced.removingPercentEncoding ?? spaced
    }
    var parameters: [(String, String)] = []
    for pair in (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
      if let eq = pair.firstIndex(of: "=") {
        parameters.append((decode(pair[..<eq]), decode(pair[pair.index(after: eq)...])))
      } else {
        parameters.append((decode(pair), ""))
      }
    }
    self.parameters = parameters
    let unknown = Array(Set(parameters.map(\.0)).subtracting(allowed)).sorted()
    if !unknown.isEmpty {
      throw APIError.badRequest(
        "unknown query parameter\(unknown.count == 1 ? "" : "s") " + unknown.map { "'\($0)'" }.joined(separator: ", ")
          + "; this endpoint takes: " + allowed.sorted().joined(separator: ", "),
        code: "unknown_parameter")
    }
  }

  /// The last value given for `name`.
  func string(_ name: String) -> String? { parameters.last { $0.name == name }?.value }

  /// Every value given for `name` (repeated parameters and comma lists are both fine; the parser splits commas).
  func all(_ name: String) -> [String] { parameters.filter { $0.name == name }.map(\.value) }

  func int(_ name: String) throws -> Int? {
    guard let s = string(name) else { return nil }
    guard let v = Int(s.trimmingCharacters(in: .whitespaces)) else {
      throw APIError.badRequest("\(name) must be a whole number, not '\(s)'")
    }
    return v
  }

  func double(_ name: String) throws -> Double? {
    guard let s = string(name) else { return nil }
    guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
      throw APIError.badRequest("\(name) must be a number, not '\(s)'")
    }
    return v
  }

  func bool(_ name: String) throws -> Bool? {
    guard let s = string(name) else { return nil }
    switch s.lowercased() {
    case "true", "1", "yes": return true
    case "false", "0", "no": return false
    default: throw APIError.badRequest("\(name) must be true or false, not '\(s)'")
    }
  }

  /// `limit`: default `fallback`, between 1 and `max`.
  func limit(default fallback: Int, max: Int) throws -> Int {
    guard let l = try int("limit") else { return fallback }
    guard (1...max).contains(l) else { throw APIError.badRequest("limit must be between 1 and \(max), not \(l)") }
    return l
  }

  /// The offset an opaque `cursor` stands for (0 without one).
  func cursorOffset() throws -> Int {
    guard let c = string("cursor"), !c.isEmpty else { return 0 }
    guard let offset = Cursor.decode(c) else {
      throw APIError.badRequest("cursor '\(c)' is not one this server gave out; use next_cursor from a previous page", code: "invalid_cursor")
    }
    return offset
  }

  /// The event filters shared by events, stats and export.
  static let filterNames: Set<String> = [
    "since", "until", "country", "near", "radius", "type", "sub_type", "actor", "weapon", "min_fatalities", "certainty",
    "text", "background", "include_rejected",
  ]

  /// The filter the parameters describe, or a 400 with the parser's message (which lists valid values).
  func eventFilter(_ parser: EventFilterParser) throws -> EventFilter {
    var i = EventFilterParser.Input()
    i.since = string("since")
    i.until = string("until")
    i.countries = all("country")
    i.near = string("near")
    i.radius = try double("radius")
    i.types = all("type")
    i.subTypes = all("sub_type")
    i.actors = all("actor")
    i.weapons = all("weapon")
    i.minFatalities = try int("min_fatalities")
    i.certainties = all("certainty")
    i.text = string("text")
    i.background = try bool("background")
    i.includeRejected = try bool("include_rejected") ?? false
    do {
      return try parser.parse(i)
    } catch let error as SitrepError where error.code == .invalidArgument {
      // the parser speaks in CLI options; the API in query parameters
      let message = error.message.replacingOccurrences(of: "--min-fatalities", with: "min_fatalities")
        .replacingOccurrences(of: "--", with: "")
      throw APIError.badRequest(message)
    }
  }
}

extension API {
  /// The query parameters each route takes; anything else is a 400 naming it.
  /// A test checks that openapi.json lists exactly these.
  static let acceptedParameters: [String: Set<String>] = [
    "/api/events": Query.filterNames.union(["limit", "cursor"]),
    "/api/events/{id}": [],
    "/api/articles": ["search", "limit", "cursor"],
    "/api/articles/{id}": [],
    "/api/actors": ["q", "limit"],
    "/api/places": ["q", "limit"],
    "/api/stats": Query.filterNames,
    "/api/basemap": [],
    "/api/export": Query.filterNames.union(["format"]),
    "/api/ingest": [],
    "/api/events/{id}/review": [],
    "/api/events/{id}/edit": [],
    "/api/events/{id}/split": [],
    "/api/events/merge": [],
  ]

  /// The checked query of a request to `route`.
  func query(_ request: Request, route: String) throws -> Query {
    try Query(request, allowed: Self.acceptedParameters[route] ?? [])
  }
}

/// Page positions handed to clients as opaque strings.
enum Cursor {
  static func encode(_ offset: Int) -> String {
    Data("o:\(offset)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  static func decode(_ cursor: String) -> Int? {
    var b64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while b64.count % 4 != 0 { b64 += "=" }
    guard let data = Data(base64Encoded: b64), let text = String(data: data, encoding: .utf8), text.hasPrefix("o:"),
      let offset = Int(text.dropFirst(2)), offset >= 0
    else { return nil }
    return offset
  }
}
