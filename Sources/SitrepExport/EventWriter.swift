import Foundation
import SitrepLexicon
import SitrepModel

/// Where exported bytes go. Writers call `write` many times; implementations
/// buffer, so an export of a million events never holds them all.
public protocol OutputSink: AnyObject {
  func write(_ string: String) throws
  /// Pushes buffered bytes on to their destination. Writers call it from `finish`.
  func flush() throws
  func close() throws
}

extension OutputSink {
  /// Sinks that do not buffer have nothing to flush.
  public func flush() throws {}
}

/// The formats `sitrep export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case jsonl
  case acledCSV = "acled-csv"
  case geojson
  case ploverJSON = "plover-json"
}

/// What a writer may look up beyond the event itself: the lexicon (actor
/// hierarchy and ACLED codes, country names) and the articles behind sources.
public struct ExportContext: Sendable {
  public var lexicon: Lexicon
  public var sources: @Sendable (String) -> SourceInfo?
  /// When the export is made: ACLED's `timestamp` column. Fix it for reproducible output.
  public var exportedAt: Date

  public init(
    lexicon: Lexicon, sources: @escaping @Sendable (String) -> SourceInfo?, exportedAt: Date = Date()
  ) {
    self.lexicon = lexicon
    self.sources = sources
    self.exportedAt = exportedAt
  }
}

/// Writes events one at a time: `begin`, any number of `write`, `finish`.
///
/// Writers stream: `write` hands the event's text to the sink before it
/// returns and keeps nothing of the event. `write` and `finish` call `begin`
/// themselves when it has not been called.
public protocol EventWriter {
  mutating func begin() throws
  mutating func write(_ record: EventRecord) throws
  mutating func finish() throws
}

/// A writer for `format` that writes to `sink`.
///
/// ```swift
/// let sink = try FileSink(path: "events.geojson")
/// var writer = makeWriter(.geojson, sink: sink, context: context)
/// try writer.begin()
/// for record in records { try writer.write(record) }
/// try writer.finish()
/// try sink.close()
/// ```
///
/// - Parameters:
///   - format: the output format.
///   - sink: where the text goes; the caller closes it after `finish`.
///   - context: the lexicon, the article metadata and the export time.
/// - Returns: a writer that has not begun yet.
public func makeWriter(_ format: ExportFormat, sink: any OutputSink, context: ExportContext) -> any EventWriter {
  switch format {
  case .jsonl: JSONLWriter(sink: sink)
  case .acledCSV: ACLEDCSVWriter(sink: sink, context: context)
  case .geojson: GeoJSONWriter(sink: sink, context: context)
  case .ploverJSON: PLOVERWriter(sink: sink, context: context)
  }
}
