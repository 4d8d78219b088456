import Foundation
import SitrepTestSupport
import Testing

/// `sitrep export` in every format with filters, `sitrep report` and
/// `sitrep basemap import`, through the real command. Texts written for these tests.
@Suite(.serialized)
struct ExportReportTests {
  static let articles: [(String, String)] = [
    ("kh.txt", "date 2024-01-09\nKata'ib Hezbollah fighters fired rockets at the US base at Ain al-Asad on Tuesday, killing one soldier, US officials said.\n"),
    ("tanf.txt", "date 2024-01-12\nA drone struck the US garrison at Al-Tanf in Syria on Thursday, injuring two troops, the Pentagon said.\n"),
    ("script.txt", "date 2024-01-12\nTitle <script>alert(1)</script>\nA drone struck the US garrison at Al-Tanf in Syria on Thursday <script>alert(2)</script>, the Pentagon said.\n"),
  ]

  func database(_ dir: Scratch) throws -> String {
    let db = dir.file("e.db")
    for (name, text) in Self.articles { try dir.write("in/" + name, text) }
    let r = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    return db
  }

  @Test func everyFormatWithFilters() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = try database(dir)

    let all = try TestSupport.runSitrep(["export", "--db", db])
    let lines = all.stdout.split(separator: "\n")
    #expect(lines.count >= 2)
    let iraq = try TestSupport.runSitrep(["export", "--db", db, "--country", "IQ"])
    #expect(iraq.stdout.split(separator: "\n").count == 1)
    #expect(iraq.stdout.contains("Ain al-Asad"))

    let csv = try TestSupport.runSitrep(["export", "--db", db, "--format", "acled-csv", "--country", "IQ"])
    let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.first?.hasPrefix("event_id_cnty,event_date,year,time_precision,disorder_type,event_type") == true)
    #expect(rows.count == 2)
    #expect(rows.last?.hasPrefix("IRQ") == true)
    #expect(rows.last?.contains(",368,Middle East,Iraq,") == true)

    let geo = try TestSupport.runSitrep(["export", "--db", db, "--format", "geojson", "--output", dir.file("e.geojson")])
    #expect(geo.status == 0)
    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("e.geojson")))) as? [String: Any])
    #expect(collection["type"] as? String == "FeatureCollection")
    let features = try #require(collection["features"] as? [[String: Any]])
    #expect(features.count == lines.count)
    let point = try #require((features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double])
    #expect(point[0] > 30 && point[0] < 50 && point[1] > 30 && point[1] < 40)  // [lon, lat]

    let plover = try TestSupport.runSitrep(["export", "--db", db, "--format", "plover-json", "--weapon", "drone"])
    let records = try #require(try JSONSerialization.jsonObject(with: Data(plover.stdout.utf8)) as? [[String: Any]])
    #expect(!records.isEmpty)
    #expect(records.allSatisfy { $0["event"] as? String == "ASSAULT" })
    let text = try #require((records.first?["text_info"] as? [[String: Any]])?.first)
    #expect(text["start"] is Int && text["end"] is Int)
  }

  @Test func unwritableOutputFailsBeforeAnyWorkAndKeepsTheOldFile() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = try database(dir)
    let r = try TestSupport.runSitrep(["export", "--db", db, "--output", dir.file("missing/folder/e.jsonl")])
    #expect(r.status == 2)
    #expect(r.stderr.contains("cannot write to"))
    let bad = try TestSupport.runSitrep(["export", "--db", db, "--format", "xml"])
    #expect(bad.status == 2)
    // a failed export (bad filter) leaves an existing file untouched
    try dir.write("keep.jsonl", "old\n")
    let f = try TestSupport.runSitrep(["export", "--db", db, "--type", "Bombing", "--output", dir.file("keep.jsonl")])
    #expect(f.status == 2)
    #expect(try String(contentsOfFile: dir.file("keep.jsonl"), encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".partial-") })
  }

  @Test func reportIsSelfContainedAndEscaped() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = try database(dir)
    if TestSupport.hasShared {
      let imported = try TestSupport.runSitrep([
        "basemap", "import", TestSupport.shared("data/naturalearth/ne_50m_admin_0_countries_middle_east.geojson"), "--db", db,
      ])
      #expect(imported.status == 0, "\(imported.stderr)")
      #expect(imported.stdout.contains("Imported"))
    }
    let r = try TestSupport.runSitrep(["report", "--db", db, "--output", dir.file("r.html"), "--since", "2024-01"])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOfFile: dir.file("r.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") || html.hasPrefix("<!doctype html>"))
    #expect(html.contains("<svg"))
    #expect(html.contains("Al-Tanf"))
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;"))
    // nothing loads from the network: no src/href to http except article links
    #expect(!html.contains("src=\"http"))
    #expect(!html.contains("<link "))
  }

  @Test func basemapImportRejectsWhatIsNotABasemap() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("b.db")
    try dir.write("points.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#)
    try dir.write("broken.geojson", "{\"type\": \"FeatureCol")
    for (file, words) in [("points.geojson", "Point"), ("broken.geojson", "not JSON"), ("missing.geojson", "no such file")] {
      let r = try TestSupport.runSitrep(["basemap", "import", dir.file(file), "--db", db])
      #expect(r.status == 2, "\(file)")
      #expect(r.stderr.contains(file), "\(r.stderr)")
      #expect(r.stderr.contains(words), "\(r.stderr)")
    }
  }
}
