import Foundation
import SitrepTestSupport
import Testing

/// `sitrep events` and `sitrep contradictions` on a database built from the
/// seed articles: every filter narrows to events that satisfy it, bad values
/// list the valid ones.
@Suite(.serialized)
struct QueryTests {
  /// One seeds database for the whole suite.
  static let seeds: Result<String, any Error> = Result {
    let dir = try TestSupport.scratch("query-seeds")
    let db = dir.file("seeds.db")
    let r = try TestSupport.runSitrep(["ingest", TestSupport.shared("corpus/seeds"), "--db", db])
    guard r.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": r.stderr]) }
    return db
  }

  func rows(_ args: [String]) throws -> [[String: Any]] {
    let db = try Self.seeds.get()
    let r = try TestSupport.runSitrep(["events", "--db", db, "--json"] + args)
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
  }

  static func km(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
    let p1 = a.0 * .pi / 180, p2 = b.0 * .pi / 180
    let dl = (b.1 - a.1) * .pi / 180
    let h = sin((p2 - p1) / 2) * sin((p2 - p1) / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
    return 2 * 6371 * asin(min(1, sqrt(h)))
  }

  @Test(.enabled(if: TestSupport.hasShared)) func filtersNarrowToMatchingEvents() throws {
    let all = try rows([])
    #expect(all.count >= 18)
    let syria = try rows(["--country", "Syria"])
    #expect(!syria.isEmpty && syria.count < all.count)
    #expect(syria.allSatisfy { $0["country"] as? String == "SY" })
    #expect(try rows(["--country", "SY"]).count == syria.count)

    let strikes = try rows(["--sub-type", "air/drone strike"])
    #expect(!strikes.isEmpty)
    #expect(strikes.allSatisfy { $0["sub_event_type"] as? String == "Air/drone strike" })
    let types = try rows(["--type", "Strategic developments,Battles"])
    #expect(!types.isEmpty && types.count < all.count)
    #expect(types.allSatisfy { ["Strategic developments", "Battles"].contains($0["event_type"] as? String ?? "") })

    let since = try rows(["--since", "2023-10", "--until", "2023-10-31"])
    #expect(!since.isEmpty && since.count < all.count)
    #expect(since.allSatisfy { ($0["date"] as? String ?? "").hasPrefix("2023-10") || ($0["date"] as? String) == "2023" })

    let deadly = try rows(["--min-fatalities", "1"])
    #expect(!deadly.isEmpty)
    #expect(deadly.allSatisfy { ($0["fatalities"] as? Int ?? 0) >= 1 })

    let notBackground = try rows(["--no-background"])
    #expect(notBackground.allSatisfy { $0["background"] as? Bool == false })
    #expect(try rows(["--background"]).count + notBackground.count == all.count)
  }

  @Test func actorFilterIncludesDescendants() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("a.db")
    // texts written for this test
    try dir.write("in/kh.txt", "date 2024-01-09\nKata'ib Hezbollah fighters fired rockets at the US base at Ain al-Asad on Tuesday, US officials said.\n")
    try dir.write("in/hamas.txt", "date 2024-01-09\nHamas fighters fired rockets at the Israeli town of Sderot on Monday, the Israeli military said.\n")
    _ = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", db])
    func ids(_ actor: String) throws -> [String] {
      let r = try TestSupport.runSitrep(["events", "--db", db, "--json", "--actor", actor])
      #expect(r.status == 0, "\(r.stderr)")
      let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
      return rows.compactMap { $0["actor1"] as? String }
    }
    let kh = try ids("Kataib Hezbollah")
    #expect(kh.count == 1)
    #expect(kh.first?.hasPrefix("Kata'ib Hezbollah") == true)
    // the umbrella and the grouping above it find the faction; an unrelated group does not
    #expect(try ids("Iran-backed militias") == kh)
    #expect(try ids("Axis of Resistance").contains(kh[0]))
    #expect(try ids("Islamic Resistance in Iraq") == kh)
    #expect(try ids("Hamas").allSatisfy { !$0.contains("Kata'ib") })
  }

  @Test(.enabled(if: TestSupport.hasShared)) func nearUsesTheGazetteerAndTheRadius() throws {
    let near = try rows(["--near", "Al-Tanf", "--radius", "60"])
    #expect(!near.isEmpty)
    for e in near {
      let lat = try #require(e["lat"] as? Double)
      let lon = try #require(e["lon"] as? Double)
      #expect(Self.km((lat, lon), (33.49, 38.65)) <= 61)
    }
    let wide = try rows(["--near", "Al-Tanf", "--radius", "800"])
    #expect(wide.count > near.count)
  }

  @Test(.enabled(if: TestSupport.hasShared)) func textSearchesTheEvidence() throws {
    let drones = try rows(["--text", "drone*"])
    #expect(!drones.isEmpty)
    #expect(try rows(["--text", "zzzqqq"]).isEmpty)
    // FTS syntax typed by a user is taken as words, never as an error
    #expect(try rows(["--text", "\"AND OR ( NEAR"]).isEmpty)
  }

  @Test(.enabled(if: TestSupport.hasShared)) func badValuesListWhatIsValid() throws {
    let db = try Self.seeds.get()
    let type = try TestSupport.runSitrep(["events", "--db", db, "--type", "Bombing"])
    #expect(type.status == 2)
    #expect(type.stderr.contains("unknown event type 'Bombing'"))
    #expect(type.stderr.contains("Explosions/Remote violence"))
    let place = try TestSupport.runSitrep(["events", "--db", db, "--near", "Atlantis"])
    #expect(place.status == 2)
    #expect(place.stderr.contains("'Atlantis' is not in the gazetteer"))
    let date = try TestSupport.runSitrep(["events", "--db", db, "--since", "2024-02-30"])
    #expect(date.status == 2)
    #expect(date.stderr.contains("not a date"))
    let actor = try TestSupport.runSitrep(["events", "--db", db, "--actor", "Nobody In Particular"])
    #expect(actor.status == 2)
    #expect(actor.stderr.contains("unknown actor"))
    let weapon = try TestSupport.runSitrep(["events", "--db", db, "--weapon", "catapult"])
    #expect(weapon.status == 2)
    #expect(weapon.stderr.contains("valid weapons:"))
  }

  @Test(.enabled(if: TestSupport.hasShared)) func tableAndCSV() throws {
    let db = try Self.seeds.get()
    let table = try TestSupport.runSitrep(["events", "--db", db, "--limit", "3"])
    #expect(table.status == 0)
    #expect(table.stdout.hasPrefix("ID"))
    #expect(table.stdout.contains("3 of "))
    let csv = try TestSupport.runSitrep(["events", "--db", db, "--csv"])
    let lines = csv.stdout.split(separator: "\r\n")
    #expect(lines.first?.hasPrefix("id,date,date_precision,event_type") == true)
    #expect(lines.count == (try rows([])).count + 1)
  }
}
