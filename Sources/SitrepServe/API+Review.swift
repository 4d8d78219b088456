import Foundation
import Hummingbird
import SitrepModel
import SitrepStoreSQLite

/// Analyst review over HTTP: the same decisions as `sitrep review`, `merge`
/// and `split`, stored with the incident, kept across re-extraction and
/// logged (who, when, before, after). Every route needs the bearer token.
extension API {
  static let reviewBodyLimit = 64 * 1024

  /// `POST /api/events/{id}/review` `{"status": "confirmed"|"rejected"|null, "analyst", "note"}`.
  func review(_ request: Request, id: String) async throws -> Response {
    let body = try await reviewBody(request, route: "/api/events/{id}/review", allowed: ["status", "analyst", "note"])
    guard body.keys.contains("status") else { throw APIError.badRequest("give \"status\": \"confirmed\", \"rejected\" or null") }
    let status: String?
    switch body["status"] {
    case let s as String where ["confirmed", "rejected"].contains(s): status = s
    case is NSNull: status = nil
    default: throw APIError.badRequest("\"status\" is \"confirmed\", \"rejected\" or null")
    }
    let (who, note) = try analyst(body)
    try await storeCall { try self.store.review(event: id, status: status, analyst: who, note: note) }
    return try explanation(id)
  }

  /// `POST /api/events/{id}/edit` `{"set": {"field": "value" or null}, "analyst", "note"}`; null unsets.
  func edit(_ request: Request, id: String) async throws -> Response {
    let body = try await reviewBody(request, route: "/api/events/{id}/edit", allowed: ["set", "analyst", "note"])
    guard let set = body["set"] as? [String: Any], !set.isEmpty else {
      throw APIError.badRequest("give \"set\": {FIELD: VALUE or null}; fields: " + EventOverrides.fields.joined(separator: ", "))
    }
    var changes: [(field: String, value: String?)] = []
    for (field, value) in set.sorted(by: { $0.key < $1.key }) {
      switch value {
      case let s as String: changes.append((field, s))
      case let n as NSNumber: changes.append((field, n.stringValue))
      case is NSNull: changes.append((field, nil))
      default: throw APIError.badRequest("\"\(field)\" must be a string, a number or null")
      }
    }
    let (who, note) = try analyst(body)
    let lexicon = self.lexicon
    let fields = changes
    try await storeCall { _ = try self.store.edit(event: id, set: fields, lexicon: lexicon, analyst: who, note: note) }
    return try explanation(id)
  }

  /// `POST /api/events/{id}/split` `{"article": ID, "analyst", "note"}`: the article's report leaves the event.
  func split(_ request: Request, id: String) async throws -> Response {
    let body = try await reviewBody(request, route: "/api/events/{id}/split", allowed: ["article", "analyst", "note"])
    guard let article = body["article"] as? String, !article.isEmpty else {
      throw APIError.badRequest("give \"article\": the id of the source article to split off")
    }
    let (who, note) = try analyst(body)
    let moved = try await storeCall { try self.store.split(event: id, article: article, analyst: who, note: note) }
    return try JSON.response(["event": id, "split_off": moved])
  }

  /// `POST /api/events/merge` `{"events": [ID, ID], "analyst", "note"}`: the older id survives.
  func merge(_ request: Request) async throws -> Response {
    let body = try await reviewBody(request, route: "/api/events/merge", allowed: ["events", "analyst", "note"])
    guard let events = body["events"] as? [String], events.count == 2 else {
      throw APIError.badRequest("give \"events\": [ID, ID], the two events to merge")
    }
    let (who, note) = try analyst(body)
    let survivor = try await storeCall { try self.store.merge(events: events[0], events[1], analyst: who, note: note) }
    return try JSON.response(["event": survivor])
  }

  /// The token, a JSON object of at most 64 KiB, only `allowed` keys.
  func reviewBody(_ request: Request, route: String, allowed: Set<String>) async throws -> [String: Any] {
    _ = try query(request, route: route)
    try authorize(request)
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.reviewBodyLimit {
      throw Self.tooLarge(Self.reviewBodyLimit)
    }
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: Self.reviewBodyLimit)
    } catch {
      throw Self.tooLarge(Self.reviewBodyLimit)
    }
    let data = Data(buffer.readableBytesView)
    guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw APIError.badRequest("the body must be one JSON object", code: "malformed_body")
    }
    let unknown = Set(object.keys).subtracting(allowed).sorted()
    if !unknown.isEmpty {
      throw APIError.badRequest(
        "unknown field\(unknown.count == 1 ? "" : "s") " + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
          + "; this endpoint takes: " + allowed.sorted().joined(separator: ", "),
        code: "unknown_field")
    }
    return object
  }

  func analyst(_ body: [String: Any]) throws -> (String, String?) {
    let who = body["analyst"] ?? "api"
    let note = body["note"]
    guard let w = who as? String, !w.trimmingCharacters(in: .whitespaces).isEmpty, w.count <= 100 else {
      throw APIError.badRequest("\"analyst\" is a name of at most 100 characters")
    }
    if note != nil && !(note is String) && !(note is NSNull) { throw APIError.badRequest("\"note\" is a string") }
    return (w, note as? String)
  }

  /// Runs a store write in the write lane; the store's usage errors become 400/404.
  func storeCall<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    do {
      return try await writes.run(body)
    } catch let error as SitrepError where error.code == .notFound {
      throw APIError.notFound(error.message)
    } catch let error as SitrepError where error.code == .invalidArgument {
      throw APIError.badRequest(error.message)
    }
  }

  func explanation(_ id: String) throws -> Response {
    guard let x = try store.explain(eventID: id) else { throw APIError.notFound("no event \(id)") }
    return try JSON.response(x)
  }
}
