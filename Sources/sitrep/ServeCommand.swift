import ArgumentParser
import Foundation
import Logging
import SitrepServe
import SitrepStoreSQLite

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the HTTP API (JSON) over the store: events, articles, lookups, stats, exports, ingest.",
    discussion: """
      Binds 127.0.0.1:8080 by default. GET /openapi.json describes every route. Reads need no token;
      POST /api/ingest needs `Authorization: Bearer <token>` with the token in --token-file, and a server
      started without --token-file refuses writes.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "The address to listen on (0.0.0.0 for every interface).")
  var host: String = "127.0.0.1"

  @Option(help: "The TCP port.")
  var port: Int = 8080

  @Option(help: ArgumentHelp("A file holding the bearer token that writes need (trimmed).", valueName: "FILE"))
  var tokenFile: String?

  @Flag(inversion: .prefixedNo, help: "Keep /api/events pages until the database changes (default on).")
  var pageCache = true

  @Option(help: ArgumentHelp("The largest request body accepted, in MiB.", valueName: "MB"))
  var maxBody: Double = 10

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
    guard maxBody > 0 else { throw ValidationError("--max-body must be positive") }
  }

  func run() async throws {
    let token = try tokenFile.map(Self.readToken)
    var logger = Logger(label: "sitrep.serve")
    logger.logLevel = ProcessInfo.processInfo.environment["SITREP_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
    let db = try SQLiteStore(path: store.db)
    var config = ServeConfiguration(host: host, port: port, token: token, maxBodySize: Int(maxBody * 1_048_576))
    config.cachePages = pageCache
    if !["127.0.0.1", "::1", "localhost"].contains(host) {
      logger.warning("listening on \(host), not loopback: anyone who can reach this machine can read the events")
    }
    if token == nil {
      logger.info("no --token-file: POST /api/ingest is refused (403)")
    }
    logger.info("serving \(store.db) on http://\(host):\(port) (GET /openapi.json describes the API)")
    try await runServer(store: db, configuration: config, logger: logger)
  }

  /// The token: the file's contents, trimmed; an unreadable or empty file is a usage error.
  static func readToken(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("cannot read the token file \(path): it does not exist or is not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ValidationError("the token file \(path) is not UTF-8 text")
    }
    let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else { throw ValidationError("the token file \(path) is empty: put the bearer token in it") }
    guard !token.contains(where: { $0.isWhitespace }) else {
      throw ValidationError("the token in \(path) contains whitespace: a bearer token is one word")
    }
    return token
  }
}
