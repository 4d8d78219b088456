import Foundation
import SitrepModel

/// Country outlines for the report's map, read once from a Natural Earth
/// admin-0 countries GeoJSON and kept (JSON-encoded) in the database.
///
/// Rings are simplified (Douglas–Peucker) and rounded when the file is read,
/// so the 50m world file encodes to a few hundred kilobytes.
///
/// ```swift
/// let data = try Data(contentsOf: URL(fileURLWithPath: "ne_50m_admin_0_countries.geojson"))
/// let map = try Basemap.parseGeoJSON(data, source: "ne_50m_admin_0_countries.geojson")
/// let stored = try JSONEncoder().encode(map)
/// ```
public struct Basemap: Sendable, Codable, Hashable {
  /// One feature of the file: a country (or territory) and its rings.
  public struct Country: Sendable, Codable, Hashable {
    /// ISO 3166-1 alpha-2, or nil when the file has none (Somaliland, Northern Cyprus).
    public var iso2: String?
    /// ISO 3166-1 alpha-3, or Natural Earth's own `ADM0_A3` code when the country has none.
    public var iso3: String?
    public var name: String
    /// `[ring][point][lon, lat]`: outer rings and holes alike, closed (the
    /// last point repeats the first); drawn with the even-odd rule.
    public var rings: [[[Double]]]

    public init(iso2: String?, iso3: String?, name: String, rings: [[[Double]]]) {
      self.iso2 = iso2
      self.iso3 = iso3
      self.name = name
      self.rings = rings
    }

    enum CodingKeys: String, CodingKey {
      case iso2, iso3, name, decimals, rings
    }

    /// Rings are written as polyline strings (Google's encoding: deltas of
    /// integers at `decimals` decimal places), about 4 bytes a point.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encodeIfPresent(iso2, forKey: .iso2)
      try c.encodeIfPresent(iso3, forKey: .iso3)
      try c.encode(name, forKey: .name)
      let decimals = Polyline.decimals(rings)
      try c.encode(decimals, forKey: .decimals)
      try c.encode(rings.map { Polyline.encode($0, decimals: decimals) }, forKey: .rings)
    }

    /// Reads the polyline form, or plain `[[[lon, lat]]]` arrays.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      iso2 = try c.decodeIfPresent(String.self, forKey: .iso2)
      iso3 = try c.decodeIfPresent(String.self, forKey: .iso3)
      name = try c.decode(String.self, forKey: .name)
      if let encoded = try? c.decode([String].self, forKey: .rings) {
        let decimals = try c.decodeIfPresent(Int.self, forKey: .decimals) ?? 5
        guard (0...9).contains(decimals) else {
          throw DecodingError.dataCorruptedError(forKey: .decimals, in: c, debugDescription: "decimals must be 0 to 9")
        }
        rings = try encoded.map { string in
          guard let ring = Polyline.decode(string, decimals: decimals) else {
            throw DecodingError.dataCorruptedError(forKey: .rings, in: c, debugDescription: "malformed polyline ring")
          }
          return ring
        }
      } else {
        rings = try c.decode([[[Double]]].self, forKey: .rings)
      }
    }
  }

  /// Where the map came from (a file name), shown as the map's credit.
  public var source: String
  public var countries: [Country]

  public init(source: String, countries: [Country]) {
    self.source = source
    self.countries = countries
  }

  /// Reads a GeoJSON `FeatureCollection` of Polygon/MultiPolygon features in
  /// longitude/latitude (Natural Earth's admin-0 countries, any scale).
  ///
  /// Codes come from `ISO_A2`/`ISO_A3`; Natural Earth writes `-99` where the
  /// ISO code is disputed or missing (France and Norway in 4.x), and then the
  /// `_EH` variants and `ADM0_A3` are used. Property names are matched
  /// without regard to case. Features without polygon geometry are skipped.
  ///
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - source: the file's name, for errors and the map's credit.
  ///   - tolerance: simplification tolerance in degrees (0 keeps every point);
  ///     coordinates are rounded to a tenth of it.
  /// - Returns: the countries in file order.
  /// - Throws: ``SitrepError`` when the bytes are not JSON, not a
  ///   FeatureCollection, hold no polygons, or are not in degrees.
  /// - Complexity: O(*n* log *n*) in the number of points.
  public static func parseGeoJSON(_ data: Data, source: String, tolerance: Double = 0.01) throws(SitrepError) -> Basemap {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw SitrepError(.notJSON, notJSONMessage(data), at: source)
    }
    guard let object = root as? [String: Any] else {
      let what = root is [Any] ? "an array" : "a single value"
      throw SitrepError(
        .notFeatureCollection,
        "the top level is \(what), not a GeoJSON FeatureCollection object ({\"type\": \"FeatureCollection\", \"features\": [...]})",
        at: source)
    }
    let type = object["type"] as? String
    guard type == "FeatureCollection", let features = object["features"] as? [Any] else {
      let found = type.map { "\"type\": \"\($0)\"" } ?? "no \"type\" member"
      throw SitrepError(
        .notFeatureCollection,
        "expected a GeoJSON FeatureCollection with a \"features\" array, found \(found); "
          + "use an admin-0 countries file such as ne_50m_admin_0_countries.geojson",
        at: source)
    }

    let simplifier = Simplifier(tolerance: max(0, tolerance))
    var countries: [Country] = []
    var otherGeometries: [String: Int] = [:]
    for case let feature as [String: Any] in features {
      let geometry = feature["geometry"] as? [String: Any]
      let polygons: [[[[Double]]]]
      do {
        polygons = try Self.polygons(of: geometry)
      } catch let error as CoordinateError {
        throw SitrepError(
          .notLonLat,
          "coordinate \(error.x), \(error.y) is not a longitude/latitude in degrees; "
            + "reproject the file to WGS 84 first (ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson)",
          at: source)
      } catch {
        continue
      }
      guard !polygons.isEmpty else {
        otherGeometries[(geometry?["type"] as? String) ?? "null", default: 0] += 1
        continue
      }
      let properties = Properties(feature["properties"] as? [String: Any] ?? [:])
      let rings = simplifier.simplify(polygons.flatMap { $0 })
      guard !rings.isEmpty else { continue }
      countries.append(
        Country(iso2: properties.iso2, iso3: properties.iso3, name: properties.name, rings: rings))
    }
    guard !countries.isEmpty else {
      let found =
        otherGeometries.isEmpty
        ? "no features"
        : otherGeometries.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      throw SitrepError(
        .noPolygons,
        "the collection has no Polygon or MultiPolygon features (found \(found)); "
          + "use an admin-0 countries file such as ne_50m_admin_0_countries.geojson",
        at: source)
    }
    return Basemap(source: source, countries: countries)
  }

  /// What the bytes look like when they are not JSON.
  static func notJSONMessage(_ data: Data) -> String {
    let head = [UInt8](data.prefix(8))
    func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
    if data.isEmpty { return "the file is empty; expected a GeoJSON FeatureCollection" }
    if starts([0x37, 0x7A, 0xBC, 0xAF]) { return "this is a 7z archive; extract the .geojson inside it (7z x FILE) and import that" }
    if starts([0x50, 0x4B, 0x03, 0x04]) { return "this is a zip archive; unzip it and import the .geojson inside" }
    if starts([0x1F, 0x8B]) { return "this is gzip-compressed; gunzip it and import the .geojson" }
    if starts([0x00, 0x00, 0x27, 0x0A]) {
      return "this is a shapefile; convert it first (ogr2ogr -f GeoJSON out.geojson in.shp)"
    }
    return "the file is not JSON; expected a GeoJSON FeatureCollection such as ne_50m_admin_0_countries.geojson"
  }

  struct CoordinateError: Error {
    var x: Double
    var y: Double
  }

  struct ShapeError: Error {}

  /// Polygons of a geometry as `[polygon][ring][point][lon, lat]`; empty for
  /// other geometry types. GeometryCollections are searched.
  static func polygons(of geometry: [String: Any]?) throws -> [[[[Double]]]] {
    guard let geometry, let type = geometry["type"] as? String else { return [] }
    switch type {
    case "Polygon":
      guard let coordinates = geometry["coordinates"] as? [Any] else { throw ShapeError() }
      return [try polygon(coordinates)]
    case "MultiPolygon":
      guard let coordinates = geometry["coordinates"] as? [Any] else { throw ShapeError() }
      return try coordinates.map { part in
        guard let rings = part as? [Any] else { throw ShapeError() }
        return try polygon(rings)
      }
    case "GeometryCollection":
      let members = geometry["geometries"] as? [Any] ?? []
      return try members.flatMap { try polygons(of: $0 as? [String: Any]) }
    default:
      return []
    }
  }

  static func polygon(_ rings: [Any]) throws -> [[[Double]]] {
    try rings.map { ring in
      guard let points = ring as? [Any] else { throw ShapeError() }
      return try points.map { point in
        guard let pair = point as? [Any], pair.count >= 2, let x = number(pair[0]), let y = number(pair[1]) else {
          throw ShapeError()
        }
        guard abs(x) <= 180.5, abs(y) <= 90.5 else { throw CoordinateError(x: x, y: y) }
        return [x, y]
      }
    }
  }

  static func number(_ value: Any) -> Double? {
    if let d = value as? Double { return d }
    if let i = value as? Int { return Double(i) }
    if let n = value as? NSNumber { return n.doubleValue }
    return nil
  }

  /// Natural Earth's property names, looked up without regard to case.
  struct Properties {
    var values: [String: String] = [:]

    init(_ raw: [String: Any]) {
      for (key, value) in raw {
        if let s = value as? String { values[key.uppercased()] = s.trimmingCharacters(in: .whitespaces) }
      }
    }

    /// The first of `keys` holding a code of `length` letters (not `-99`).
    func code(_ keys: [String], length: Int) -> String? {
      for key in keys {
        guard let v = values[key]?.uppercased(), v.count == length, v.allSatisfy({ $0.isASCII && $0.isLetter })
        else { continue }
        return v
      }
      return nil
    }

    var iso3: String? { code(["ISO_A3", "ISO_A3_EH", "ADM0_A3", "GU_A3", "SU_A3"], length: 3) }

    var iso2: String? {
      if let code = code(["ISO_A2", "ISO_A2_EH"], length: 2) { return code }
      // Natural Earth 4.x writes -99 for these and has no ISO_A2_EH.
      let known = ["FRA": "FR", "NOR": "NO"]
      return code(["ADM0_A3", "ISO_A3_EH", "SOV_A3"], length: 3).flatMap { known[$0] }
    }

    var name: String {
      for key in ["NAME", "NAME_EN", "ADMIN", "NAME_LONG", "SOVEREIGNT", "GEOUNIT"] {
        if let v = values[key], !v.isEmpty { return v }
      }
      return iso3 ?? "Unnamed"
    }
  }
}
