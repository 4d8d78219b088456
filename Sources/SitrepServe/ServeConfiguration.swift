/// How `sitrep serve` listens and who may write.
public struct ServeConfiguration: Sendable {
  /// The address to bind; loopback unless the user asks otherwise.
  public var host: String
  /// The TCP port; 0 picks a free one (tests).
  public var port: Int
  /// The bearer token that `POST /api/ingest` requires. Without one, writes are refused.
  public var token: String?
  /// The largest request body accepted, in bytes (larger: 413).
  public var maxBodySize: Int
  /// Keep listing pages until the database changes (off: compute every request; for measuring).
  public var cachePages = true

  public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, maxBodySize: Int = 10 * 1024 * 1024) {
    self.host = host
    self.port = port
    self.token = token
    self.maxBodySize = maxBodySize
  }
}
