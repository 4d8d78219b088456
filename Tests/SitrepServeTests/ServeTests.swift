import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SitrepIngest
import SitrepModel
import SitrepPipeline
@testable import SitrepServe
import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// The API over real HTTP: each test starts a server on a free loopback port
/// over a fresh database holding the seed articles, and sends requests to it.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct ServeTests {
  static let token = "test-token-\(UUID().uuidString)"

  /// A database with the seed articles ingested and extracted, as `sitrep ingest` leaves it.
  func seeded(_ dir: Scratch) throws -> SQLiteStore {
    let store = try SQLiteStore(path: dir.file("s.db"))
    _ = try Ingestor(store: store, furniture: try .bundled()).run(paths: [TestSupport.shared("corpus/seeds")])
    try ExtractionDriver(store: store).run()
    return store
  }

  func withServer(
    token: String? = ServeTests.token, maxBody: Int = 10 * 1024 * 1024, _ body: @Sendable (SQLiteStore, any TestClientProtocol) async throws -> Void
  ) async throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let store = try seeded(dir)
    var logger = Logger(label: "sitrep.serve.test")
    logger.logLevel = .warning
    let app = try buildApplication(
      store: store, configuration: ServeConfiguration(host: "127.0.0.1", port: 0, token: token, maxBodySize: maxBody), logger: logger)
    // off the cooperative pool, as `sitrep serve` runs: other suites' blocking tests must not stall the server
    try await ServeExecutor.shared.run {
      try await app.test(.live) { client in try await body(store, client) }
    }
  }

  func json(_ r: TestResponse) throws -> [String: Any] {
    let data = Data(r.body.readableBytesView)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      Issue.record("not a JSON object: \(String(decoding: data, as: UTF8.self).prefix(300))")
      return [:]
    }
    return object
  }

  func errorOf(_ r: TestResponse) throws -> (code: String, message: String) {
    let e = try json(r)["error"] as? [String: Any]
    return (e?["code"] as? String ?? "", e?["message"] as? String ?? "")
  }

  func text(_ r: TestResponse) -> String { String(decoding: r.body.readableBytesView, as: UTF8.self) }

  @Test func eventsPageWithoutOverlapAndTotalIsRight() async throws {
    try await withServer { store, client in
      let all = try store.countEvents(matching: .init())
      #expect(all > 4)
      var seen: [String] = []
      var cursor: String?
      var pages = 0
      repeat {
        let uri = "/api/events?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
        let r = try await client.execute(uri: uri, method: .get)
        #expect(r.status == .ok)
        #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
        let page = try json(r)
        #expect(page["total"] as? Int == all)
        let events = page["events"] as? [[String: Any]] ?? []
        #expect(events.count <= 3)
        seen += events.compactMap { $0["id"] as? String }
        cursor = page["next_cursor"] as? String
        pages += 1
      } while cursor != nil && pages < 100
      #expect(seen.count == all)
      #expect(Set(seen).count == seen.count, "pages overlap")
    }
  }

  @Test func filtersNarrowTheEvents() async throws {
    try await withServer { store, client in
      var f = EventFilter()
      f.countries = ["SY"]
      let syria = try store.countEvents(matching: f)
      let r = try await client.execute(uri: "/api/events?country=Syria&limit=500", method: .get)
      #expect(r.status == .ok)
      let page = try json(r)
      #expect(page["total"] as? Int == syria)
      let events = page["events"] as? [[String: Any]] ?? []
      #expect(events.allSatisfy { $0["country"] as? String == "SY" })
      #expect(page["next_cursor"] is NSNull)
      // repeated and comma lists are the same
      let two = try json(try await client.execute(uri: "/api/events?country=SY&country=IQ", method: .get))["total"] as? Int
      let comma = try json(try await client.execute(uri: "/api/events?country=SY,IQ", method: .get))["total"] as? Int
      #expect(two == comma)
      let typed = try await client.execute(uri: "/api/events?type=Explosions%2FRemote+violence&background=false", method: .get)
      #expect(typed.status == .ok)
      let rows = try json(typed)["events"] as? [[String: Any]] ?? []
      #expect(!rows.isEmpty)
      #expect(rows.allSatisfy { $0["event_type"] as? String == "Explosions/Remote violence" && $0["background"] as? Bool == false })
    }
  }

  @Test func badFilterValuesAre400WithTheValidValues() async throws {
    try await withServer { _, client in
      let r = try await client.execute(uri: "/api/events?type=Bombing", method: .get)
      #expect(r.status == .badRequest)
      let e = try errorOf(r)
      #expect(e.code == "invalid_argument")
      #expect(e.message.contains("Bombing") && e.message.contains("Battles") && e.message.contains("Explosions/Remote violence"))
      let c = try errorOf(try await client.execute(uri: "/api/events?certainty=maybe", method: .get))
      #expect(c.message.contains("confirmed") && c.message.contains("disputed"))
      for uri in [
        "/api/events?since=2024-02-30", "/api/events?limit=0", "/api/events?limit=501", "/api/events?min_fatalities=many",
        "/api/events?background=perhaps", "/api/events?cursor=not-a-cursor", "/api/events?radius=5",
        "/api/events?country=Atlantis", "/api/export?format=xml", "/api/actors",
      ] {
        let bad = try await client.execute(uri: uri, method: .get)
        #expect(bad.status == .badRequest, "\(uri)")
        #expect(try !errorOf(bad).message.isEmpty, "\(uri)")
      }
    }
  }

  @Test func unknownParametersAre400NamingThem() async throws {
    try await withServer { _, client in
      let r = try await client.execute(uri: "/api/events?contry=SY&sort=date", method: .get)
      #expect(r.status == .badRequest)
      let e = try errorOf(r)
      #expect(e.code == "unknown_parameter")
      #expect(e.message.contains("'contry'") && e.message.contains("'sort'"))
      #expect(try await client.execute(uri: "/api/stats?limit=3", method: .get).status == .badRequest)
      let missing = try await client.execute(uri: "/api/nothing-here", method: .get)
      #expect(missing.status == .notFound)
      #expect(try errorOf(missing).code == "not_found")
    }
  }

  @Test func eventDetailAnd404() async throws {
    try await withServer { store, client in
      let id = try #require(try store.events(matching: .init()).first?.id)
      let r = try await client.execute(uri: "/api/events/\(id)", method: .get)
      #expect(r.status == .ok)
      let x = try json(r)
      let event = x["event"] as? [String: Any]
      #expect(event?["id"] as? String == id)
      #expect((event?["sources"] as? [Any])?.isEmpty == false)
      let evidence = x["evidence"] as? [[String: Any]] ?? []
      #expect(!evidence.isEmpty)
      #expect(x["casualty_claims"] is [Any] && x["reports"] is [Any])
      let missing = try await client.execute(uri: "/api/events/evt-999999", method: .get)
      #expect(missing.status == .notFound)
      #expect(try errorOf(missing).code == "not_found")
      #expect(try await client.execute(uri: "/api/events/garbage", method: .get).status == .notFound)
    }
  }

  @Test func articleHasTextFurnitureAndEvidenceSpansInCodePoints() async throws {
    try await withServer { store, client in
      let row = try #require(try store.events(matching: .init()).first)
      let x = try #require(try store.explain(eventID: row.id))
      let articleID = try #require(x.event.sources.first?.document)
      let r = try await client.execute(uri: "/api/articles/\(articleID)", method: .get)
      #expect(r.status == .ok)
      let a = try json(r)
      let text = try #require(a["text"] as? String)
      #expect((a["events"] as? [String])?.contains(row.id) == true)
      #expect(a["furniture"] is [Any])
      let spans = a["evidence"] as? [[String: Any]] ?? []
      #expect(!spans.isEmpty)
      let scalars = Array(text.unicodeScalars)
      for s in spans {
        let start = try #require(s["start"] as? Int)
        let end = try #require(s["end"] as? Int)
        #expect(start >= 0 && start <= end && end <= scalars.count)
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[start..<end])
        #expect(String(quoted) == s["text"] as? String)
      }
      #expect(try await client.execute(uri: "/api/articles/no-such-article", method: .get).status == .notFound)
      let list = try json(try await client.execute(uri: "/api/articles?limit=2", method: .get))
      #expect((list["articles"] as? [Any])?.count == 2)
      #expect(list["next_cursor"] is String)
      let search = try json(try await client.execute(uri: "/api/articles?search=drone", method: .get))
      #expect((search["articles"] as? [Any])?.isEmpty == false)
    }
  }

  @Test func actorAndPlaceAutocomplete() async throws {
    try await withServer { _, client in
      let r = try await client.execute(uri: "/api/actors?q=Kata", method: .get)
      #expect(r.status == .ok)
      let actors = try json(r)["actors"] as? [[String: Any]] ?? []
      let kh = actors.first { $0["name"] as? String == "Kata'ib Hezbollah" }
      #expect(kh != nil)
      #expect(kh?["id"] as? String == "kataib-hezbollah")
      #expect(kh?["parent"] as? String != nil)
      #expect(actors.count <= 20)
      let places = try json(try await client.execute(uri: "/api/places?q=erbi", method: .get))["places"] as? [[String: Any]] ?? []
      let erbil = places.first { ($0["name"] as? String)?.hasPrefix("Erbil") == true }
      #expect(erbil != nil)
      #expect(erbil?["lat"] is Double && erbil?["country"] as? String == "IQ" && erbil?["precision"] is String)
      let none = try json(try await client.execute(uri: "/api/places?q=zzzzqqq", method: .get))["places"] as? [Any]
      #expect(none?.isEmpty == true)
    }
  }

  @Test func statsCountByWeekTypeAndCountry() async throws {
    try await withServer { store, client in
      let total = try store.countEvents(matching: .init())
      let s = try json(try await client.execute(uri: "/api/stats", method: .get))
      #expect(s["total"] as? Int == total)
      func sum(_ key: String) -> Int { (s[key] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) } }
      #expect(sum("by_event_type") == total)
      #expect(sum("by_country") == total)
      #expect(sum("by_week") + (s["not_dated_to_a_day"] as? Int ?? -1) == total)
      let weeks = (s["by_week"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
      #expect(weeks == weeks.sorted())
      let iq = try json(try await client.execute(uri: "/api/stats?country=IQ", method: .get))
      let countries = iq["by_country"] as? [[String: Any]] ?? []
      #expect(countries.allSatisfy { $0["key"] as? String == "IQ" })
    }
  }

  @Test func exportFormatsStreamAndParse() async throws {
    try await withServer { store, client in
      let total = try store.countEvents(matching: .init())
      let geo = try await client.execute(uri: "/api/export?format=geojson", method: .get)
      #expect(geo.status == .ok)
      #expect(geo.headers[.contentType]?.hasPrefix("application/geo+json") == true)
      let fc = try json(geo)
      #expect(fc["type"] as? String == "FeatureCollection")
      #expect(fc["features"] is [Any])
      let jsonl = try await client.execute(uri: "/api/export", method: .get)
      #expect(jsonl.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
      let lines = text(jsonl).split(separator: "\n")
      #expect(lines.count == total)
      for line in lines {
        let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(o?["event_type"] is String && o?["sources"] is [Any])
      }
      let csv = try await client.execute(uri: "/api/export?format=acled-csv&country=IQ", method: .get)
      #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
      #expect(text(csv).hasPrefix("event_id_cnty") || text(csv).contains(","))
      let plover = try await client.execute(uri: "/api/export?format=plover-json", method: .get)
      #expect(plover.status == .ok)
      #expect(try JSONSerialization.jsonObject(with: Data(plover.body.readableBytesView)) is [Any])
    }
  }

  static let article = """
    {"id": "api-test-1", "published": "2024-03-05", "title": "Drone strike", "text": "A drone struck a checkpoint near Erbil on Monday, killing two guards, Kurdish security officials said."}
    """

  func post(_ client: some TestClientProtocol, _ body: String, token: String? = ServeTests.token, type: String = "application/json") async throws -> TestResponse {
    var headers: HTTPFields = [.contentType: type]
    if let token { headers[.authorization] = "Bearer \(token)" }
    return try await client.execute(uri: "/api/ingest", method: .post, headers: headers, body: ByteBuffer(string: body))
  }

  @Test func ingestWithoutATokenConfiguredIsRefused() async throws {
    try await withServer(token: nil) { store, client in
      let before = try store.articleCount()
      let r = try await post(client, Self.article)
      #expect(r.status == .forbidden)
      #expect(try errorOf(r).message.contains("--token-file"))
      #expect(try store.articleCount() == before)
    }
  }

  @Test func ingestWithoutOrWithAWrongTokenIs401AndStoresNothing() async throws {
    try await withServer { store, client in
      let before = try store.articleCount()
      let none = try await post(client, Self.article, token: nil)
      #expect(none.status == .unauthorized)
      #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
      let wrong = try await post(client, Self.article, token: "not-the-token")
      #expect(wrong.status == .unauthorized)
      let prefix = try await post(client, Self.article, token: String(Self.token.dropLast()))
      #expect(prefix.status == .unauthorized)
      #expect(try store.articleCount() == before)
    }
  }

  @Test func ingestWithTheTokenStoresExtractsAndServesTheEvents() async throws {
    try await withServer { store, client in
      let before = try store.articleCount()
      let eventsBefore = try store.countEvents(matching: .init())
      let r = try await post(client, Self.article)
      #expect(r.status == .ok)
      let result = try json(r)
      #expect(result["new"] as? Int == 1)
      #expect(try store.articleCount() == before + 1)
      let ids = result["event_ids"] as? [String] ?? []
      #expect(!ids.isEmpty)
      #expect(try store.countEvents(matching: .init()) > eventsBefore)
      for id in ids {
        #expect(try await client.execute(uri: "/api/events/\(id)", method: .get).status == .ok)
      }
      let article = try json(try await client.execute(uri: "/api/articles/api-test-1", method: .get))
      #expect(article["text"] as? String != nil)
      // JSONL batch; the same article again is unchanged
      let batch = Self.article + "\n" + """
        {"id": "api-test-2", "published": "2024-03-06", "text": "Rockets hit an air base in Anbar on Tuesday, officials said."}
        """
      let b = try json(try await post(client, batch, type: "application/x-ndjson"))
      #expect(b["unchanged"] as? Int == 1 && b["new"] as? Int == 1)
      #expect(try store.articleCount() == before + 2)
    }
  }

  @Test func malformedBodyIs400NamingTheLineAndStoresNothing() async throws {
    try await withServer { store, client in
      let before = try store.articleCount()
      let body = Self.article + "\n{\"id\": \"x\", \"text\": \"broken\n{\"id\": \"y\"}\n"
      let r = try await post(client, body, type: "application/x-ndjson")
      #expect(r.status == .badRequest)
      let e = try errorOf(r)
      #expect(e.code == "malformed_body")
      #expect(e.message.contains("line:2"))
      #expect(try store.articleCount() == before)
      #expect(try await post(client, "{\"id\": \"z\", ", type: "application/json").status == .badRequest)
      #expect(try await post(client, "", type: "application/json").status == .badRequest)
      #expect(try await post(client, Self.article, type: "text/plain").status == .unsupportedMediaType)
      #expect(try store.articleCount() == before)
    }
  }

  @Test func oversizeBodyIs413() async throws {
    try await withServer(maxBody: 4096) { store, client in
      let before = try store.articleCount()
      let big = "{\"id\": \"big\", \"text\": \"" + String(repeating: "word ", count: 2000) + "\"}"
      let r = try await post(client, big)
      #expect(r.status == .contentTooLarge)
      #expect(try errorOf(r).code == "payload_too_large")
      #expect(try store.articleCount() == before)
    }
  }

  @Test func openAPIDescribesEveryRouteAndEveryPathIsServed() async throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let store = try SQLiteStore(path: dir.file("empty.db"))
    let router = try buildRouter(store: store, configuration: ServeConfiguration())
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPI.document())) as? [String: Any])
    #expect(doc["openapi"] as? String == "3.1.0")
    let paths = try #require(doc["paths"] as? [String: [String: Any]])
    var registered = Set<String>()
    for route in router.routes {
      let path = route.path.description
      let method = route.method.rawValue.lowercased()
      registered.insert("\(method) \(path)")
      #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is not in openapi.json")
    }
    for (path, ops) in paths {
      for method in ops.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
        #expect(registered.contains("\(method) \(path)"), "openapi.json has \(method.uppercased()) \(path), which is not served")
      }
    }
    #expect(registered.count >= 11)
    // every query parameter a route takes is documented, and nothing else
    for (path, accepted) in API.acceptedParameters {
      let op = (paths[path]?["get"] ?? paths[path]?["post"]) as? [String: Any]
      let documented = (op?["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
      #expect(Set(documented) == accepted, "\(path): openapi.json has \(documented.sorted()), the route takes \(accepted.sorted())")
      #expect(documented.count == Set(documented).count, "\(path): a parameter is listed twice")
    }
    // and it is served
    try await withServer { _, client in
      let r = try await client.execute(uri: "/openapi.json", method: .get)
      #expect(r.status == .ok)
      #expect(try json(r)["openapi"] as? String == "3.1.0")
      #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
    }
  }
}
