import Foundation
import Hummingbird
import HummingbirdTesting
import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// Analyst review over real HTTP: token required, bad bodies refused with
/// nothing changed, decisions stored, logged and kept.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct ReviewAPITests {
  let serve = ServeTests()

  func post(_ client: any TestClientProtocol, _ uri: String, _ body: String, token: String? = ServeTests.token) async throws -> TestResponse {
    var headers: HTTPFields = [.contentType: "application/json"]
    if let token { headers[.authorization] = "Bearer \(token)" }
    return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
  }

  @Test func reviewEditSplitMergeNeedTheTokenAndAreLogged() async throws {
    try await serve.withServer { store, client in
      let id = try #require(try store.events(matching: .init()).first?.id)
      // no token, wrong token: 401, nothing changes
      #expect(try await post(client, "/api/events/\(id)/review", #"{"status":"rejected"}"#, token: nil).status == .unauthorized)
      #expect(try await post(client, "/api/events/\(id)/review", #"{"status":"rejected"}"#, token: "guess").status == .unauthorized)
      #expect(try store.events(matching: .init()).contains { $0.id == id })

      // bad bodies: 400 with a message, nothing changes
      let unknown = try await post(client, "/api/events/\(id)/review", #"{"status":"rejected","who":"x"}"#)
      #expect(unknown.status == .badRequest)
      #expect(try serve.errorOf(unknown).message.contains("\"who\""))
      #expect(try await post(client, "/api/events/\(id)/review", "{not json").status == .badRequest)
      #expect(try await post(client, "/api/events/\(id)/review", #"{"status":"maybe"}"#).status == .badRequest)
      let badValue = try await post(client, "/api/events/\(id)/edit", #"{"set":{"sub_event_type":"Bombing"}}"#)
      #expect(badValue.status == .badRequest)
      #expect(try serve.errorOf(badValue).message.contains("Air/drone strike"))
      #expect(try await post(client, "/api/events/evt-999999/review", #"{"status":"confirmed"}"#).status == .notFound)
      let huge = try await post(client, "/api/events/\(id)/edit", #"{"note":""# + String(repeating: "x", count: 70_000) + #""}"#)
      #expect(huge.status == .contentTooLarge)
      #expect(try store.reviewHistory(eventID: id).isEmpty)

      // a real edit and verdict
      let edited = try await post(client, "/api/events/\(id)/edit", #"{"set":{"fatalities":7},"analyst":"kim","note":"hospital figure"}"#)
      #expect(edited.status == .ok)
      #expect((try serve.json(edited)["event"] as? [String: Any])?["fatalities"] as? Int == 7)
      let rejected = try await post(client, "/api/events/\(id)/review", #"{"status":"rejected","analyst":"kim"}"#)
      #expect(rejected.status == .ok)
      let listed = try await client.execute(uri: "/api/events?limit=500", method: .get)
      #expect(!serve.text(listed).contains("\"\(id)\""))
      let withRejected = try await client.execute(uri: "/api/events?limit=500&include_rejected=true", method: .get)
      #expect(serve.text(withRejected).contains("\"\(id)\""))
      let log = try store.reviewHistory(eventID: id)
      #expect(log.map(\.action) == ["edit fatalities", "reject"])
      #expect(log.first?.who == "kim")
      #expect(log.first?.note == "hospital figure")

      // merge two events, then split the second's article back off
      let ids = try store.events(matching: .init()).map(\.id)
      let merged = try await post(client, "/api/events/merge", #"{"events":["\#(ids[0])","\#(ids[1])"]}"#)
      #expect(merged.status == .ok, "\(serve.text(merged)) \(ids[0]) \(ids[1])")
      let survivor = try #require(try serve.json(merged)["event"] as? String)
      let detail = try serve.json(try await client.execute(uri: "/api/events/\(survivor)", method: .get))
      let docs = ((detail["event"] as? [String: Any])?["sources"] as? [[String: Any]] ?? []).compactMap { $0["document"] as? String }
      #expect(Set(docs).count >= 1)
      let article = try #require(docs.last)
      let split = try await post(client, "/api/events/\(survivor)/split", #"{"article":"\#(article)"}"#)
      if Set(docs).count > 1 {
        #expect(split.status == .ok, "\(serve.text(split))")
      } else {
        // both reports came from one article: nothing to split it from
        #expect(split.status == .badRequest)
      }
    }
  }

  @Test func cachedPagesFollowWritesFromOtherConnections() async throws {
    try await serve.withServer { store, client in
      let first = serve.text(try await client.execute(uri: "/api/events?limit=500", method: .get))
      let id = try #require(try store.events(matching: .init()).first?.id)
      #expect(first.contains("\"\(id)\""))
      // another connection to the same file (as `sitrep review` in another process) rejects the event
      let other = try SQLiteStore(path: store.path)
      try other.review(event: id, status: "rejected", analyst: "elsewhere")
      let second = serve.text(try await client.execute(uri: "/api/events?limit=500", method: .get))
      #expect(!second.contains("\"\(id)\""))
    }
  }
}
