/// An error a user can act on: a stable code, a message, and where it happened.
///
/// Codes are stable and searchable (`[S101] ...`); new codes can be added
/// without breaking callers that switch on the ones they know.
public struct SitrepError: Error, Sendable, CustomStringConvertible, Hashable {
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let id: String
    init(_ id: String) { self.id = id }
    public var description: String { id }

    public static let unreadable = Code("S101")
    public static let notFound = Code("S102")
    public static let tooLarge = Code("S103")
    public static let binary = Code("S104")
    public static let empty = Code("S105")
    public static let malformed = Code("S106")
    public static let missingText = Code("S107")
    public static let notAFeed = Code("S108")
    public static let entityExpansion = Code("S109")
    public static let unsupported = Code("S110")
    public static let database = Code("S201")
    public static let invalidArgument = Code("S301")
    /// An output file cannot be opened for writing.
    public static let unwritable = Code("S401")
    /// Writing or closing an output failed (disk full, closed pipe).
    public static let writeFailed = Code("S402")
    /// A write after the writer finished or the sink closed (a programming error).
    public static let closed = Code("S403")
    /// A base map file is not JSON (or is an archive, a shapefile, ...).
    public static let notJSON = Code("S501")
    /// The JSON is not a GeoJSON FeatureCollection.
    public static let notFeatureCollection = Code("S502")
    /// The collection has no Polygon or MultiPolygon feature with usable coordinates.
    public static let noPolygons = Code("S503")
    /// The coordinates are not longitude/latitude degrees (a projected file).
    public static let notLonLat = Code("S504")
  }

  public var code: Code
  public var message: String
  /// `path`, `path:line` or a document id.
  public var location: String?

  public init(_ code: Code, _ message: String, at location: String? = nil) {
    self.code = code
    self.message = message
    self.location = location
  }

  public var description: String {
    if let location { return "[\(code)] \(location): \(message)" }
    return "[\(code)] \(message)"
  }
}
