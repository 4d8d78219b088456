import Foundation
import SitrepModel

/// `events.jsonl`: one JSON object per line, exactly as ``EventRecord`` encodes
/// (sorted keys, slashes unescaped), the contract of EVENTS.md section 2.
struct JSONLWriter: EventWriter {
  private let sink: any OutputSink
  private let encoder: JSONEncoder

  init(sink: any OutputSink) {
    self.sink = sink
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  mutating func begin() throws {}

  mutating func write(_ record: EventRecord) throws {
    let data = try encoder.encode(record)
    try sink.write(String(decoding: data, as: UTF8.self) + "\n")
  }

  mutating func finish() throws { try sink.flush() }
}
