import SitrepLexicon
import SitrepModel

/// Where exported bytes go. Writers call `write` many times; implementations
/// buffer, so an export of a million events never holds them all.
public protocol OutputSink: AnyObject {
  func write(_ string: String) throws
  func close() throws
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

  public init(lexicon: Lexicon, sources: @escaping @Sendable (String) -> SourceInfo?) {
    self.lexicon = lexicon
    self.sources = sources
  }
}

/// Writes events one at a time: `begin`, any number of `write`, `finish`.
public protocol EventWriter {
  mutating func begin() throws
  mutating func write(_ record: EventRecord) throws
  mutating func finish() throws
}
