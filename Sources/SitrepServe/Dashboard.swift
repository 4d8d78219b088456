import Foundation
import Hummingbird

/// The browser dashboard's files (`Resources/dashboard/`), read once when the
/// server starts and served from memory with their content type, a
/// validator and the Content-Security-Policy that keeps injected markup inert.
struct Dashboard: Sendable {
  struct Asset: Sendable {
    var bytes: [UInt8]
    var contentType: String
    var etag: String
  }

  /// No script, style or image from anywhere but this server; no inline script at all.
  static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

  static let contentTypes = [
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "json": "application/json; charset=utf-8",
  ]

  /// File name → contents; `index.html` is the page, everything else is under `/assets/`.
  let assets: [String: Asset]

  init() throws {
    guard let dir = Bundle.module.url(forResource: "dashboard", withExtension: nil, subdirectory: "Resources") else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "dashboard/ is missing from the SitrepServe bundle"])
    }
    var assets: [String: Asset] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
      let ext = (name as NSString).pathExtension.lowercased()
      guard let type = Self.contentTypes[ext] else { continue }
      let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
      assets[name] = Asset(bytes: bytes, contentType: type, etag: "\"\(Self.fnv1a(bytes))\"")
    }
    guard assets["index.html"] != nil else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "dashboard/index.html is missing from the SitrepServe bundle"])
    }
    self.assets = assets
  }

  /// `GET /`: the page (every view of the dashboard is a hash route of it).
  func page(_ request: Request) throws -> Response {
    guard let page = assets["index.html"] else { throw APIError.notFound("the dashboard page is missing") }
    // always revalidated, so a new binary's page is picked up at once
    return serve(page, request, cacheControl: "no-cache")
  }

  /// `GET /assets/{file}`: scripts and styles; revalidated after five minutes.
  func asset(_ request: Request, file: String) throws -> Response {
    guard file != "index.html", let asset = assets[file] else {
      throw APIError.notFound("no dashboard asset '\(file)'")
    }
    return serve(asset, request, cacheControl: "public, max-age=300")
  }

  private func serve(_ asset: Asset, _ request: Request, cacheControl: String) -> Response {
    var headers: HTTPFields = [
      .contentType: asset.contentType,
      .cacheControl: cacheControl,
      .eTag: asset.etag,
      .contentSecurityPolicy: Self.contentSecurityPolicy,
      .xContentTypeOptions: "nosniff",
    ]
    if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag }) == true {
      headers[.contentType] = nil
      return Response(status: .notModified, headers: headers)
    }
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
  }

  /// A 64-bit FNV-1a hash in hex: an ETag that changes when the file does.
  static func fnv1a(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return String(h, radix: 16)
  }
}
