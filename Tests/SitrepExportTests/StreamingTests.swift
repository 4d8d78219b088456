import Foundation
import SitrepExport
import SitrepModel
import Testing

/// Every writer streams: each `write` reaches the sink before it returns, so a
/// writer holds at most one event, whatever the size of the export.
@Suite struct StreamingTests {
  @Test(arguments: ExportFormat.allCases)
  func tenThousandEventsReachTheSinkOneByOne(_ format: ExportFormat) throws {
    let sink = CountingSink()
    var writer = makeWriter(format, sink: sink, context: try Fixture.context())
    try writer.begin()
    let base = Fixture.record()
    for i in 0..<10_000 {
      var r = base
      r.id = "evt-" + String(i)
      let before = sink.bytes
      try writer.write(r)
      // the event's text is in the sink already: nothing is held back for later
      #expect(sink.bytes > before, "event \(i) was not written at once")
      if sink.bytes <= before { return }
    }
    let beforeFinish = sink.bytes
    try writer.finish()
    #expect(sink.flushes == 1)
    #expect(sink.bytes >= beforeFinish)
    #expect(sink.bytes > 10_000 * 100)
  }

  @Test(arguments: ExportFormat.allCases)
  func outputIsTheSameThroughAFileSink(_ format: ExportFormat) throws {
    let records = (1...50).map { Fixture.record(id: "evt-\($0)", summary: "Event \($0), with a comma") }
    let expected = try Fixture.export(records, as: format)
    let dir = try FileManager.default.url(
      for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: FileManager.default.temporaryDirectory,
      create: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out").path
    // a small buffer, so that the file is written in many pieces
    let sink = try FileSink(path: path, capacity: 512)
    var writer = makeWriter(format, sink: sink, context: try Fixture.context())
    try writer.begin()
    for r in records { try writer.write(r) }
    try writer.finish()
    try sink.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
  }

  @Test func fileSinkBuffersUntilFullOrClosed() throws {
    let dir = try FileManager.default.url(
      for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: FileManager.default.temporaryDirectory,
      create: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.txt").path
    let sink = try FileSink(path: path, capacity: 16)
    func size() throws -> Int {
      (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }
    try sink.write("0123456789")
    #expect(try size() == 0)
    try sink.write("abcdefghij")
    #expect(try size() == 20)
    try sink.write("tail")
    try sink.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "0123456789abcdefghijtail")
    #expect(throws: SitrepError.self) { try sink.write("late") }
  }

  @Test func fileSinkReportsAnUnwritablePath() {
    #expect(throws: SitrepError.self) { try FileSink(path: "/nonexistent-dir/sub/out.csv") }
  }

  @Test func writingAfterFinishFails() throws {
    let sink = StringSink()
    var writer = makeWriter(.geojson, sink: sink, context: try Fixture.context())
    try writer.write(Fixture.record())  // begins by itself
    try writer.finish()
    #expect(throws: SitrepError.self) { try writer.write(Fixture.record()) }
    #expect(try Fixture.parseJSON(sink.text) is [String: Any])
  }
}
