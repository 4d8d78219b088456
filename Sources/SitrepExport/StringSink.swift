import SitrepModel
/// An ``OutputSink`` that keeps everything in memory, for tests and small exports.
public final class StringSink: OutputSink {
  /// Everything written so far.
  public private(set) var text = ""
  public private(set) var isClosed = false

  public init() {}

  public func write(_ string: String) throws {
    guard !isClosed else { throw SitrepError(.closed, "write after close") }
    text += string
  }

  public func close() throws { isClosed = true }
}
