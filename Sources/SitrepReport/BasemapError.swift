/// Why a file could not be read as a base map, in words a user can act on.
///
/// Codes are stable and searchable (`[B103] ...`); new codes can be added
/// without breaking callers that switch on the ones they know.
public struct BasemapError: Error, Sendable, Hashable, CustomStringConvertible {
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let id: String
    init(_ id: String) { self.id = id }
    public var description: String { id }

    /// The bytes are not JSON (or are an archive, a shapefile, ...).
    public static let notJSON = Code("B101")
    /// The JSON is not a GeoJSON `FeatureCollection`.
    public static let notFeatureCollection = Code("B102")
    /// The collection has no Polygon or MultiPolygon feature with usable coordinates.
    public static let noPolygons = Code("B103")
    /// The coordinates are not longitude/latitude degrees (a projected file).
    public static let notLonLat = Code("B104")
  }

  public var code: Code
  public var message: String
  /// The file the map came from, as the caller named it.
  public var source: String

  public init(_ code: Code, _ message: String, source: String) {
    self.code = code
    self.message = message
    self.source = source
  }

  public var description: String { "[\(code)] \(source): \(message)" }
}
