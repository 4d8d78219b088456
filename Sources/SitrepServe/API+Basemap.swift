import Foundation
import Hummingbird
import SitrepReport
import SitrepStoreSQLite

extension API {
  /// `GET /api/basemap`: the imported country outlines as plain
  /// `[ring][point][lon, lat]` arrays; 404 when none was imported.
  func basemap(_ request: Request) throws -> Response {
    _ = try query(request, route: "/api/basemap")
    guard let stored = try store.basemap() else {
      throw APIError(.notFound, "no_basemap", "no base map imported; run `sitrep basemap import FILE` with a Natural Earth admin-0 countries GeoJSON")
    }
    let map = try JSONDecoder().decode(Basemap.self, from: stored.data)
    return try JSON.response(
      BasemapOutlines(
        source: stored.source,
        countries: map.countries.map { c in
          .init(iso2: c.iso2, name: c.name, rings: c.rings.map { ring in ring.map { $0.map(BasemapOutlines.rounded) } })
        }))
  }
}

/// The base map as the dashboard reads it.
struct BasemapOutlines: Encodable {
  struct Country: Encodable {
    var iso2: String?
    var name: String
    var rings: [[[Double]]]
  }

  var source: String
  var countries: [Country]

  /// Five decimals (about a metre) is more than any outline needs, and keeps
  /// the JSON free of binary-fraction noise.
  static func rounded(_ x: Double) -> Double { (x * 100_000).rounded() / 100_000 }
}
