import Foundation
import SitrepExport
import SitrepModel
import Testing

/// The GeoJSON FeatureCollection: structure, coordinate order, null geometry, flat properties.
@Suite struct GeoJSONWriterTests {
  func collection(_ records: [EventRecord]) throws -> [String: Any] {
    let text = try Fixture.export(records, as: .geojson)
    return try #require(try Fixture.parseJSON(text) as? [String: Any])
  }

  func features(_ records: [EventRecord]) throws -> [[String: Any]] {
    let c = try collection(records)
    #expect(c["type"] as? String == "FeatureCollection")
    return try #require(c["features"] as? [[String: Any]])
  }

  @Test func emptyExportIsAnEmptyFeatureCollection() throws {
    #expect(try features([]).isEmpty)
  }

  @Test func oneFeaturePerEventWithLonLatOrderAndNullGeometry() throws {
    let records = [
      Fixture.record(id: "evt-000001", lat: 33.123456789, lon: 38.987654321),
      Fixture.record(id: "evt-000002", place: "Syria", admin1: nil, lat: nil, lon: nil, geo: "country"),
      Fixture.record(id: "evt-000003", place: "Erbil", country: "IQ", lat: 36.19, lon: 44.01, geo: "locality"),
    ]
    let fs = try features(records)
    #expect(fs.count == 3)
    #expect(fs.map { $0["type"] as? String } == ["Feature", "Feature", "Feature"])

    let geometry = try #require(fs[0]["geometry"] as? [String: Any])
    #expect(geometry["type"] as? String == "Point")
    let coordinates = try #require(geometry["coordinates"] as? [Any]).compactMap { ($0 as? NSNumber)?.doubleValue }
    #expect(coordinates == [38.98765, 33.12346])  // [lon, lat], 5 decimals

    #expect(fs[1]["geometry"] is NSNull)
    let third = try #require((fs[2]["geometry"] as? [String: Any])?["coordinates"] as? [Any])
    #expect(third.compactMap { ($0 as? NSNumber)?.doubleValue } == [44.01, 36.19])
  }

  @Test func propertiesAreFlat() throws {
    var r = Fixture.record(
      actor1: EventRecord.ActorRef(
        name: "Kata'ib Hezbollah (Islamic Resistance in Iraq, Iran-backed militias)", id: "kataib-hezbollah"),
      weapons: ["drone", "rocket"], fatalities: nil, injuries: 2,
      sources: [
        EventRecord.Source(document: "doc-a", start: 0, end: 5, text: "One.", reportedBy: nil),
        EventRecord.Source(document: "doc-b", start: 0, end: 5, text: "Two.", reportedBy: nil),
      ])
    r.sourceCount = 2
    r.contradictions = [
      EventRecord.Contradiction(
        field: "injuries", claims: [.init(value: "2", document: "doc-a"), .init(value: "4", document: "doc-b")])
    ]
    let p = try #require(try features([r]).first?["properties"] as? [String: Any])
    for (key, value) in p {
      #expect(!(value is [Any]) && !(value is [String: Any]), "\(key) is not flat")
    }
    #expect(p["id"] as? String == "evt-000123")
    #expect(p["sub_event_type"] as? String == "Air/drone strike")
    #expect(p["country"] as? String == "SY")
    #expect(p["geo_precision"] as? String == "site")
    #expect(p["actor1"] as? String == "Kata'ib Hezbollah")
    #expect(p["actor2"] as? String == "US forces")
    #expect(p["weapons"] as? String == "drone; rocket")
    #expect(p["fatalities"] is NSNull)
    #expect((p["injuries"] as? NSNumber)?.intValue == 2)
    #expect((p["source_count"] as? NSNumber)?.intValue == 2)
    #expect(p["sources"] as? String == "doc-a; doc-b")
    #expect(p["contradictions"] as? String == "injuries: 2 (doc-a), 4 (doc-b)")
    #expect(p["summary"] as? String == "Drone attack on the base at Al-Tanf.")
  }

  @Test func oneFeatureIsOneLine() throws {
    let text = try Fixture.export([Fixture.record(summary: "Two\nlines")], as: .geojson)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == #"{"type":"FeatureCollection","features":["#)
    #expect(
      lines[1].hasPrefix(
        #"{"type":"Feature","id":"evt-000123","geometry":{"type":"Point","coordinates":[38.65,33.49]},"#))
    #expect(lines[1].contains(#""summary":"Two\nlines""#))
    #expect(lines[2] == "]}")
  }
}
