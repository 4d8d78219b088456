import Foundation
import SitrepExport
import SitrepModel
import Testing

/// The ACLED CSV: header, RFC 4180 escaping, and ACLED's coding conventions.
@Suite struct ACLEDCSVWriterTests {
  typealias Actor = EventRecord.ActorRef

  /// ACLED's columns, written out here independently of the writer.
  static let header = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
  ]

  /// The data rows as dictionaries by column name.
  func rows(_ records: [EventRecord]) throws -> [[String: String]] {
    let table = parseCSV(try Fixture.export(records, as: .acledCSV))
    #expect(table.first == Self.header)
    return table.dropFirst().map { fields in
      #expect(fields.count == Self.header.count)
      return Dictionary(uniqueKeysWithValues: zip(Self.header, fields))
    }
  }

  func row(_ record: EventRecord) throws -> [String: String] {
    let all = try rows([record])
    try #require(all.count == 1)
    return all[0]
  }

  @Test func headerIsACLEDsColumnsInOrder() throws {
    let text = try Fixture.export([], as: .acledCSV)
    #expect(text == Self.header.joined(separator: ",") + "\r\n")
  }

  @Test func commasQuotesAndNewlinesInNotesSurviveARoundTrip() throws {
    let evidence = "He said: \"five drones, two hit\".\nA second line.\r\nAnd a third."
    let summary = "Drone attack, \"mostly\" intercepted"
    let r = Fixture.record(
      sources: [EventRecord.Source(document: "doc-a", start: 0, end: 60, text: evidence, reportedBy: nil)],
      summary: summary)
    let text = try Fixture.export([r], as: .acledCSV)
    // the field is quoted and its quotes doubled
    #expect(text.contains("\"Drone attack, \"\"mostly\"\" intercepted Evidence: He said: \"\"five drones, two hit\"\"."))
    let notes = try row(r)["notes"]
    #expect(notes == summary + " Evidence: " + evidence)
  }

  @Test(arguments: ["line\nbreak", "line\r\nbreak", "carriage\rreturn", "a,comma", "a \"quote\""])
  func aFieldWithALineBreakCommaOrQuoteIsQuoted(_ summary: String) throws {
    let r = Fixture.record(
      sources: [EventRecord.Source(document: "doc-a", start: 0, end: 5, text: "plain", reportedBy: nil)],
      summary: summary)
    let text = try Fixture.export([r], as: .acledCSV)
    let quoted = "\"" + summary.replacingOccurrences(of: "\"", with: "\"\"") + " Evidence: plain\""
    #expect(text.contains("," + quoted + ","))
    #expect(try row(r)["notes"] == summary + " Evidence: plain")
  }

  @Test func everyRecordEndsWithCRLFAndPlainFieldsAreNotQuoted() throws {
    let text = try Fixture.export([Fixture.record(), Fixture.record(id: "evt-000124")], as: .acledCSV)
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines.count == 4 && lines[3].isEmpty)
    #expect(lines[1].hasPrefix("SYR123,2023-10-20,2023,1,Political violence,Explosions/Remote violence,Air/drone strike,"))
  }

  @Test func idDateAndPlaceColumns() throws {
    let r = try row(Fixture.record())
    #expect(r["event_id_cnty"] == "SYR123")
    #expect(r["event_date"] == "2023-10-20")
    #expect(r["year"] == "2023")
    #expect(r["time_precision"] == "1")
    #expect(r["disorder_type"] == "Political violence")
    #expect(r["iso"] == "760")
    #expect(r["region"] == "Middle East")
    #expect(r["country"] == "Syria")
    #expect(r["admin1"] == "Homs")
    #expect(r["admin2"] == "" && r["admin3"] == "")
    #expect(r["location"] == "Al-Tanf")
    #expect(r["latitude"] == "33.4900")
    #expect(r["longitude"] == "38.6500")
    #expect(r["geo_precision"] == "1")
    #expect(r["timestamp"] == "1700000000")
    #expect(r["source"] == "Example News")
    #expect(r["source_scale"] == "")
  }

  @Test(arguments: [("IQ", "368", "IRQ", "Iraq"), ("SY", "760", "SYR", "Syria"), ("AF", "4", "AFG", "Afghanistan")])
  func numericISOCodes(_ iso2: String, numeric: String, iso3: String, name: String) throws {
    let r = try row(Fixture.record(id: "evt-000042", country: iso2))
    #expect(r["iso"] == numeric)
    #expect(r["event_id_cnty"] == iso3 + "42")
    #expect(r["country"] == name)
  }

  @Test func seaEventsUseXXXAndNoCountry() throws {
    let r = try row(
      Fixture.record(
        id: "evt-000007", place: "Red Sea", country: "XX", admin1: nil, lat: 15.5, lon: 41.8, geo: "region",
        actor1: Actor(name: "Houthis", id: "houthis"),
        actor2: Actor(name: "commercial shipping", id: "commercial-shipping")))
    #expect(r["event_id_cnty"] == "XXX7")
    #expect(r["iso"] == "" && r["country"] == "" && r["region"] == "")
    #expect(r["geo_precision"] == "3")
    #expect(r["interaction"] == "27")
  }

  @Test func vagueDatesUseTheFirstDayAndPrecisionThree() throws {
    let month = try row(Fixture.record(date: "2023-10", datePrecision: "month", background: true))
    #expect(month["event_date"] == "2023-10-01")
    #expect(month["time_precision"] == "3")
    let year = try row(Fixture.record(date: "2020", datePrecision: "year"))
    #expect(year["event_date"] == "2020-01-01")
    #expect(year["year"] == "2020")
    #expect(year["time_precision"] == "3")
  }

  @Test func israeliStrikeInSyriaIsExternalAndInterceptionOverIsraelIsStateForces() throws {
    let strike = try row(
      Fixture.record(
        actor1: Actor(name: "Israel", id: "israel"),
        actor2: Actor(name: "Iran-backed militias", id: "iran-backed-militias")))
    #expect(strike["inter1"] == "8")
    #expect(strike["inter2"] == "3")
    #expect(strike["interaction"] == "38")

    let interception = try row(
      Fixture.record(
        type: "Strategic developments", sub: "Disrupted weapons use", place: "Kiryat Shmona", country: "IL",
        admin1: "Northern District", lat: 33.2073, lon: 35.5708, geo: "locality",
        actor1: Actor(name: "IDF (Israel)", id: "idf"), actor2: Actor(name: "Hezbollah", id: "hezbollah")))
    #expect(interception["inter1"] == "1")
    #expect(interception["inter2"] == "3")
    #expect(interception["interaction"] == "13")
    #expect(interception["disorder_type"] == "Strategic developments")
  }

  @Test func homeForcesAbroadBecomeExternal() throws {
    let r = try row(
      Fixture.record(
        actor1: Actor(name: "Jordanian armed forces", id: "jordanian-armed-forces"),
        actor2: Actor(name: "smugglers", id: "smugglers")))
    #expect(r["inter1"] == "8")
    #expect(r["interaction"] == "38")
  }

  @Test func interactionPutsTheSmallerCodeFirstAndALoneActorTimesTen() throws {
    // US forces (8) strike Kata'ib Hezbollah (3) in Iraq: 38, not 83
    let strike = try row(
      Fixture.record(
        country: "IQ", actor1: Actor(name: "US forces", id: "us-forces"),
        actor2: Actor(name: "Kata'ib Hezbollah", id: "kataib-hezbollah")))
    #expect(strike["inter1"] == "8")
    #expect(strike["inter2"] == "3")
    #expect(strike["interaction"] == "38")
    let lone = try row(
      Fixture.record(actor1: Actor(name: "Syrian government forces", id: "syrian-government-forces"), actor2: nil))
    #expect(lone["inter1"] == "1")
    #expect(lone["inter2"] == "")
    #expect(lone["interaction"] == "10")
    let unknown = try row(Fixture.record(actor1: nil))
    #expect(unknown["actor1"] == "" && unknown["interaction"] == "")
  }

  @Test func actorsUseLexiconNamesWithTheirParentsAsAssociates() throws {
    let r = try row(
      Fixture.record(
        country: "IQ",
        actor1: Actor(
          name: "Kata'ib Hezbollah (Islamic Resistance in Iraq, Iran-backed militias)", id: "kataib-hezbollah"),
        actor2: Actor(name: "US forces", id: "us-forces")))
    #expect(r["actor1"] == "Kata'ib Hezbollah")
    #expect(r["assoc_actor_1"] == "Islamic Resistance in Iraq; Iran-backed militias; Axis of Resistance")
    #expect(r["actor2"] == "US forces")
    #expect(r["assoc_actor_2"] == "")
    // an actor the lexicon does not know keeps the record's name and has no code
    let other = try row(Fixture.record(actor2: Actor(name: "a local tribe", id: nil)))
    #expect(other["actor2"] == "a local tribe")
    #expect(other["inter2"] == "" && other["interaction"] == "")
  }

  @Test func civilianTargetingWhenActor2IsCivilians() throws {
    let r = try row(
      Fixture.record(
        type: "Violence against civilians", sub: "Attack", actor1: Actor(name: "ISIS", id: "isis"),
        actor2: Actor(name: "journalists (civilians)", id: "journalists")))
    #expect(r["civilian_targeting"] == "Civilian targeting")
    #expect(r["interaction"] == "27")
    #expect(try row(Fixture.record())["civilian_targeting"] == "")
  }

  @Test func sourcesFatalitiesAndTags() throws {
    var r = Fixture.record(
      fatalities: nil, certainty: "alleged", background: true,
      sources: [
        EventRecord.Source(document: "doc-a", start: 0, end: 10, text: "First one.", reportedBy: nil),
        EventRecord.Source(document: "doc-b", start: 5, end: 15, text: "Second one.", reportedBy: nil),
        EventRecord.Source(document: "doc-a", start: 20, end: 30, text: "Again doc-a.", reportedBy: nil),
        EventRecord.Source(document: "doc-x", start: 0, end: 9, text: "No outlet.", reportedBy: nil),
      ])
    r.contradictions = [
      EventRecord.Contradiction(
        field: "fatalities",
        claims: [.init(value: "3", document: "doc-a"), .init(value: "5", document: "doc-b")])
    ]
    let fields = try row(r)
    #expect(fields["source"] == "Example News; Other Wire; doc-x")
    #expect(fields["fatalities"] == "0")
    #expect(
      fields["tags"] == "certainty: alleged; background; fatalities not reported; sources disagree: fatalities")
    #expect(fields["notes"] == "Drone attack on the base at Al-Tanf. Evidence: First one.")
    let counted = try row(Fixture.record(fatalities: 2))
    #expect(counted["fatalities"] == "2")
    #expect(counted["tags"] == "certainty: reported")
  }
}
