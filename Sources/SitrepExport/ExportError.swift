/// An export that could not be written: a stable code, a message, and where.
///
/// Codes are stable and searchable (`[S401] ...`), in the same series as
/// `SitrepError`; new codes can be added without breaking callers.
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let id: String
    init(_ id: String) { self.id = id }
    public var description: String { id }

    /// The output file cannot be created or opened for writing.
    public static let unwritable = Code("S401")
    /// Writing to an open output failed (disk full, closed pipe).
    public static let writeFailed = Code("S402")
    /// Output was written after the sink was closed or the writer finished.
    public static let closed = Code("S403")
  }

  public var code: Code
  public var message: String
  /// The output path, when there is one.
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
