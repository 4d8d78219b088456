import Foundation
import Synchronization
import Hummingbird
import Logging
import SitrepLexicon
import SitrepStoreSQLite

/// The HTTP API and the browser dashboard of `sitrep serve` over one store.
///
/// ```swift
/// let store = try SQLiteStore(path: "sitrep.db")
/// let app = try buildApplication(store: store, configuration: ServeConfiguration(), logger: logger)
/// try await app.runService()
/// ```
///
/// - Parameters:
///   - store: the database every request reads (and `POST /api/ingest` writes).
///   - configuration: address, port, write token, body size limit.
///   - logger: where requests and failures are logged.
public func buildApplication(
  store: SQLiteStore, configuration: ServeConfiguration, logger: Logger
) throws -> some ApplicationProtocol {
  let router = try buildRouter(store: store, configuration: configuration)
  return Application(
    router: router,
    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sitrep"),
    logger: logger)
}

/// Builds the application and runs it until SIGINT or SIGTERM, then shuts
/// down gracefully (requests in flight finish).
public func runServer(store: SQLiteStore, configuration: ServeConfiguration, logger: Logger) async throws {
  let app = try buildApplication(store: store, configuration: configuration, logger: logger)
  try await ServeExecutor.shared.run { try await app.runService() }
}

/// The router with every route of the API (tests list its routes against the OpenAPI document).
public func buildRouter(store: SQLiteStore, configuration: ServeConfiguration) throws -> Router<BasicRequestContext> {
  let api = try API(store: store, configuration: configuration)
  let router = Router(context: BasicRequestContext.self)
  router.add(middleware: LogRequestsMiddleware(.info))
  router.add(middleware: APIErrorMiddleware())
  // the dashboard: one page (views are hash routes of it) and its scripts and styles
  router.get("/") { request, _ in try api.dashboard.page(request) }
  router.get("/assets/{file}") { request, context in try api.dashboard.asset(request, file: context.parameters.require("file")) }
  router.get("/healthz") { _, _ in try JSON.response(["status": "ok"]) }
  router.get("/openapi.json") { _, _ in
    Response(
      status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: api.openAPI)))
  }
  router.get("/api/events") { request, _ in try api.events(request) }
  router.get("/api/events/{id}") { request, context in try api.event(request, id: context.parameters.require("id")) }
  router.get("/api/articles") { request, _ in try api.articles(request) }
  router.get("/api/articles/{id}") { request, context in try api.article(request, id: context.parameters.require("id")) }
  router.get("/api/actors") { request, _ in try api.actors(request) }
  router.get("/api/places") { request, _ in try api.places(request) }
  router.get("/api/basemap") { request, _ in try api.basemap(request) }
  router.get("/api/stats") { request, _ in try api.stats(request) }
  router.get("/api/export") { request, context in try api.export(request, logger: context.logger) }
  router.post("/api/ingest") { request, context in try await api.ingest(request, logger: context.logger) }
  router.post("/api/events/merge") { request, _ in try await api.merge(request) }
  router.post("/api/events/{id}/review") { request, context in try await api.review(request, id: context.parameters.require("id")) }
  router.post("/api/events/{id}/edit") { request, context in try await api.edit(request, id: context.parameters.require("id")) }
  router.post("/api/events/{id}/split") { request, context in try await api.split(request, id: context.parameters.require("id")) }
  return router
}

/// What the routes share: the store, the lexicon, the filter parser, the write lane.
struct API: Sendable {
  let store: SQLiteStore
  let configuration: ServeConfiguration
  let lexicon: Lexicon
  let parser: EventFilterParser
  let lookup: NameIndex
  let openAPI: [UInt8]
  let dashboard: Dashboard
  let writes = WriteLane()
  /// Listing pages by request, kept until the database changes.
  let pages: PageCache

  init(store: SQLiteStore, configuration: ServeConfiguration) throws {
    self.store = store
    self.configuration = configuration
    // the bundled gazetteer plus whatever the user imported into this database
    self.lexicon = try Lexicon.bundled().adding(places: store.importedPlaces())
    self.parser = EventFilterParser(lexicon: lexicon)
    self.lookup = NameIndex(lexicon: lexicon)
    self.openAPI = try OpenAPI.document()
    self.pages = PageCache(changes: configuration.cachePages ? try ChangeCounter(path: store.path) : nil)
    self.dashboard = try Dashboard()
  }
}

/// Runs writes one at a time: ingest and extraction each see a store no other
/// request is writing to.
actor WriteLane {
  func run<T: Sendable>(_ body: @Sendable () throws -> T) throws -> T { try body() }
}

/// Answers of read routes by request URI, each kept with the database's change
/// version it was computed at and served again only while that version holds.
final class PageCache: Sendable {
  /// nil: no caching.
  let changes: ChangeCounter?
  let entries = Mutex<[String: (version: Int, body: ByteBuffer)]>([:])
  static let capacity = 1_024

  init(changes: ChangeCounter?) { self.changes = changes }

  /// The cached body for `key`, or `make()`'s, cached.
  func body(for key: String, _ make: () throws -> ByteBuffer) throws -> ByteBuffer {
    guard let changes else { return try make() }
    let version = try changes.version()
    if let hit = entries.withLock({ $0[key] }), hit.version == version { return hit.body }
    let body = try make()
    entries.withLock { e in
      if e.count >= Self.capacity { e.removeAll(keepingCapacity: true) }
      e[key] = (version, body)
    }
    return body
  }
}
