import Foundation
import SitrepExport
import SitrepModel
import Testing

/// JSONL is the contract format: one record per line, exactly as EventRecord encodes.
@Suite struct JSONLWriterTests {
  @Test func linesAreTheRecordsEncodingAndDecodeBack() throws {
    var second = Fixture.record(id: "evt-000124", actor2: nil, fatalities: nil, summary: "URL https://example.org/x")
    second.contradictions = [
      EventRecord.Contradiction(field: "date", claims: [.init(value: "2023-10-20", document: "doc-a")])
    ]
    let records = [Fixture.record(), second]
    let text = try Fixture.export(records, as: .jsonl)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3 && lines[2].isEmpty)

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for (line, record) in zip(lines, records) {
      #expect(line == String(decoding: try encoder.encode(record), as: UTF8.self))
      #expect(try JSONDecoder().decode(EventRecord.self, from: Data(line.utf8)) == record)
    }
    #expect(lines[1].contains(#""actor2":null"#))
    #expect(lines[1].contains("https://example.org/x"))
  }
}
