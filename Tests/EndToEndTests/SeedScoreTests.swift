import Foundation
import SitrepTestSupport
import Testing

/// The seed corpus through the real command line (ingest, export), scored by
/// the project's scorer, so extraction accuracy cannot silently regress.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus, gold and eval"))
struct SeedScoreTests {
  @Test func seedsMeetTheTargets() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("seeds.db")
    let ingest = try TestSupport.runSitrep(["ingest", TestSupport.shared("corpus/seeds"), "--db", db])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let export = try TestSupport.runSitrep(["export", "--format", "jsonl", "--db", db, "--output", dir.file("events.jsonl")])
    #expect(export.status == 0, "\(export.stderr)")

    // every line is the contract's shape
    let lines = try String(contentsOfFile: dir.file("events.jsonl"), encoding: .utf8).split(separator: "\n")
    #expect(!lines.isEmpty)
    for line in lines {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["id", "event_type", "sub_event_type", "date", "date_precision", "location", "actor1", "actor2",
                  "weapons", "fatalities", "injuries", "certainty", "background", "sources", "summary"] {
        #expect(o.keys.contains(key), "missing \(key)")
      }
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", TestSupport.shared("eval/score.py"), "--gold", TestSupport.shared("gold/seeds.jsonl"),
      "--pred", dir.file("events.jsonl"), "--docs", TestSupport.shared("corpus/seeds"), "--json",
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let figures = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let f1 = try #require(figures["f1"] as? Double)
    #expect(f1 >= 0.85, "F1 \(f1)")
    let attributes = try #require(figures["attributes"] as? [String: Any])
    for key in ["date", "place", "sub_event_type", "fatalities", "injuries"] {
      let share = try #require(attributes[key] as? Double, "\(key)")
      #expect(share >= 0.9, "\(key) \(share)")
    }
    #expect(figures["verbatim_sources"] as? Double == 1.0)
    #expect(figures["duplicates"] as? Int == 0)
  }
}
