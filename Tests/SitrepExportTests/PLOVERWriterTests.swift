import Foundation
import SitrepExport
import SitrepModel
import Testing

/// The PLOVER-style JSON array: categories, modes, contexts, actors, offsets, citations.
@Suite struct PLOVERWriterTests {
  typealias Actor = EventRecord.ActorRef

  func elements(_ records: [EventRecord]) throws -> [[String: Any]] {
    let text = try Fixture.export(records, as: .ploverJSON)
    return try #require(try Fixture.parseJSON(text) as? [[String: Any]])
  }

  func element(_ record: EventRecord) throws -> [String: Any] {
    try #require(try elements([record]).first)
  }

  @Test func emptyExportIsAnEmptyArray() throws {
    #expect(try elements([]).isEmpty)
  }

  @Test func textInfoKeepsTheEvidenceOffsets() throws {
    let r = Fixture.record(sources: [
      EventRecord.Source(document: "doc-a", start: 512, end: 640, text: "Five drones were launched.", reportedBy: nil),
      EventRecord.Source(document: "doc-b", start: 17, end: 43, text: "Drones hit the base.", reportedBy: "CENTCOM"),
    ])
    let e = try element(r)
    let info = try #require(e["text_info"] as? [[String: Any]])
    #expect(info.count == 2)
    #expect(info[0]["document"] as? String == "doc-a")
    #expect((info[0]["start"] as? NSNumber)?.intValue == 512)
    #expect((info[0]["end"] as? NSNumber)?.intValue == 640)
    #expect(info[0]["text"] as? String == "Five drones were launched.")
    #expect((info[1]["start"] as? NSNumber)?.intValue == 17)

    let cites = try #require(e["cite_info"] as? [[String: Any]])
    #expect(cites.count == 2)
    #expect(cites[0]["url"] as? String == "https://example.org/a")
    #expect(cites[0]["outlet"] as? String == "Example News")
    #expect(cites[0]["published"] as? String == "2023-10-21")
    #expect(cites[1]["url"] is NSNull)
  }

  @Test func airStrikeIsAnAssaultWithActorsAndPlace() throws {
    let e = try element(
      Fixture.record(
        actor1: Actor(name: "Israel", id: "israel"),
        actor2: Actor(name: "Iran-backed militias", id: "iran-backed-militias"), fatalities: 3, injuries: nil))
    #expect(e["id"] as? String == "evt-000123")
    #expect(e["date"] as? String == "2023-10-20")
    #expect(e["event"] as? String == "ASSAULT")
    #expect(e["mode"] as? [String] == ["heavy-weapons"])
    #expect(e["context"] as? [String] == ["military"])
    #expect(e["actor"] as? String == "Israel")
    #expect(e["actor_country"] as? String == "ISR")
    #expect(e["recipient"] as? String == "Iran-backed militias")
    #expect(e["recipient_country"] is NSNull)
    #expect((e["dead"] as? NSNumber)?.intValue == 3)
    #expect(e["injured"] is NSNull)
    #expect(e["acled_event_type"] as? String == "Explosions/Remote violence")
    #expect(e["acled_sub_event_type"] as? String == "Air/drone strike")
    let loc = try #require(e["event_loc"] as? [String: Any])
    #expect(loc["name"] as? String == "Al-Tanf")
    #expect((loc["lat"] as? NSNumber)?.doubleValue == 33.49)
    #expect((loc["lon"] as? NSNumber)?.doubleValue == 38.65)
    #expect(loc["country"] as? String == "SY")
    #expect(loc["cc3"] as? String == "SYR")
    #expect(loc["precision"] as? String == "site")
  }

  @Test(arguments: [
    ("Battles", "Armed clash", ["small arms"], "ASSAULT", ["sideAB", "firearms"]),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", ["IED"], "ASSAULT", ["explosives"]),
    ("Strategic developments", "Disrupted weapons use", ["drone", "air defense"], "MOBILIZE", ["weapons"]),
    ("Strategic developments", "Arrests", [], "COERCE", ["arrest"]),
    ("Strategic developments", "Looting/property destruction", [], "COERCE", ["confiscate"]),
  ])
  func categoriesAndModes(_ type: String, _ sub: String, _ weapons: [String], _ event: String, _ mode: [String])
    throws
  {
    let e = try element(Fixture.record(type: type, sub: sub, weapons: weapons))
    #expect(e["event"] as? String == event)
    #expect(e["mode"] as? [String] == mode)
  }

  @Test func otherHasNoCategoryAndBackgroundIsHistorical() throws {
    let other = try element(Fixture.record(type: "Strategic developments", sub: "Other", weapons: []))
    #expect(other["event"] is NSNull)
    let old = try element(Fixture.record(date: "2020", datePrecision: "year", background: true))
    #expect(old["date"] as? String == "2020-01-01")
    #expect(old["date_precision"] as? String == "year")
    #expect(old["context"] as? [String] == ["military", "historical"])
  }
}
