import SitrepAnnotate
import SitrepLexicon
import SitrepModel
import Testing

func annotate(_ text: String, published: String? = nil) throws -> (Document, Lexicon) {
  let lexicon = try Lexicon.bundled()
  var doc = Document(id: "t", text: text, published: published.flatMap(PublicationDate.init(iso8601:)))
  try Pipeline.standard(lexicon).process(&doc)
  return (doc, lexicon)
}

@Suite struct DateResolutionTests {
  func dates(_ text: String, published: String?) throws -> [String] {
    let (doc, _) = try annotate(text, published: published)
    return doc.temporals.map { $0.resolved?.iso ?? "unresolved" }
  }

  // published Wednesday 2022-01-05
  @Test(arguments: [
    ("The attack happened on Tuesday.", "2022-01-04"),
    ("Rockets were fired Wednesday.", "2022-01-05"),
    ("It happened last Wednesday.", "2021-12-29"),
    ("Drones struck last month.", "2021-12"),
    ("Drones struck this month.", "2022-01"),
    ("Drones struck on Oct. 20.", "2021-10-20"),
    ("Drones struck on January 3.", "2022-01-03"),
    ("It was tested in late January.", "2022-01"),
    ("It was tested in July.", "2021-07"),
    ("The 2020 missile strike hit the base.", "2020"),
    ("In 2019, drones hit the facility.", "2019"),
    ("It happened yesterday.", "2022-01-04"),
    ("On 20 October 2021 drones attacked.", "2021-10-20"),
    ("On October 20, 2021, drones attacked.", "2021-10-20"),
    ("It began in November 2022.", "2022-11"),
    ("Attacks occurred this week.", "2022-01"),
  ])
  func resolvesAgainstThePublicationDate(_ text: String, _ expected: String) throws {
    #expect(try dates(text, published: "2022-01-05") == [expected])
  }

  @Test func impossibleDaysAreNotDates() throws {
    let (doc, _) = try annotate("The strike on February 30 was reported.", published: "2023-06-02")
    #expect(doc.temporals.first?.resolved == nil)
    #expect(doc.temporals.first?.problem?.contains("no day 30") == true)
  }

  @Test func withoutAPublicationDateTheLatestExplicitDateIsTheReference() throws {
    let (doc, _) = try annotate("On March 3, 2021, talks began. A drone hit the base on Tuesday.", published: nil)
    #expect(doc.referenceDate?.iso == "2021-03-03")
    #expect(doc.temporals.map { $0.resolved?.iso } == ["2021-03-03", "2021-03-02"])
  }

  @Test func withoutAnyReferenceRelativeDatesStayUnresolved() throws {
    let (doc, _) = try annotate("A drone hit the base on Tuesday.", published: nil)
    #expect(doc.temporals.first?.resolved == nil)
    #expect(doc.temporals.first?.problem != nil)
  }

  @Test func sameDayIsLeftForTheExtractor() throws {
    let (doc, _) = try annotate("A drone was shot down the same day.", published: "2022-01-05")
    guard case .sameDayAsContext = doc.temporals.first?.value else {
      Issue.record("expected an anaphoric date")
      return
    }
  }
}

@Suite struct GazetteerTests {
  func places(_ text: String) throws -> [Place] {
    let (doc, lexicon) = try annotate(text, published: "2023-01-01")
    return doc.mentions(.place).map { lexicon.places[$0.entry] }
  }

  @Test(arguments: [
    ("Shelling hit Deir ez-Zor.", "SY"), ("Shelling hit Deir al-Zour.", "SY"), ("Shelling hit Dayr az Zawr.", "SY"),
    ("Shelling hit Deir Ezzor.", "SY"), ("Strikes hit Abu Kamal.", "SY"), ("Strikes hit Al-Bukamal.", "SY"),
    ("Strikes hit Albu Kamal.", "SY"), ("Drones hit Tal Baydar.", "SY"), ("Drones hit Tal Beydar.", "SY"),
    ("Rockets hit the Conco base.", "SY"), ("Rockets hit Conoco.", "SY"), ("Drones hit Tower 22.", "JO"),
    ("Jets struck T4 airbase.", "SY"), ("Rockets hit Ain al-Asad air base.", "IQ"),
  ])
  func spellingVariantsFindTheSamePlace(_ text: String, _ country: String) throws {
    let found = try places(text)
    #expect(found.count == 1, "\(text): \(found.map(\.name))")
    #expect(found.first?.country == country)
  }

  @Test func homsTheCityAndHomsTheGovernorate() throws {
    #expect(try places("Airstrikes hit the city of Homs.").first?.precision == "locality")
    #expect(try places("Airstrikes hit Homs province.").first?.precision == "admin1")
    #expect(try places("Airstrikes hit the Homs countryside.").first?.precision == "admin1")
    #expect(try places("Airstrikes hit Homs.").first?.precision == "locality")
  }

  @Test func directionalRegionsHaveRegionPrecision() throws {
    #expect(try places("Drones struck in eastern Syria.").first?.precision == "region")
    #expect(try places("Rockets fell in western Iraq.").first?.precision == "region")
  }

  @Test func namesOutsideTheRegionAreNotPlacesHere() throws {
    #expect(try places("Washington said Georgia would help.").isEmpty)
    #expect(try places("Jordan said its jets were ready.").map(\.country) == ["JO"])
  }

  @Test func placeNamesThatAreCommonWordsNeedALocative() throws {
    #expect(try places("Exports Hit a record last year.").isEmpty)
    #expect(try places("Rockets landed in Hit on Monday.").map(\.country) == ["IQ"])
  }

  @Test func everyPlaceHasSaneCoordinates() throws {
    let lexicon = try Lexicon.bundled()
    #expect(lexicon.places.count > 1000)
    for p in lexicon.places {
      #expect((10...45).contains(p.lat) && (20...65).contains(p.lon), "\(p.id)")
    }
  }
}

@Suite struct ActorTests {
  @Test func hierarchy() throws {
    let lexicon = try Lexicon.bundled()
    #expect(lexicon.ancestors(of: "quds-force").map(\.id).prefix(2) == ["irgc", "iran"])
    #expect(lexicon.ancestors(of: "kataib-hezbollah").map(\.id).prefix(2) == ["islamic-resistance-in-iraq", "iran-backed-militias"])
    #expect(lexicon.descendants(of: "iran-backed-militias").contains("kataib-hezbollah"))
    #expect(lexicon.ancestors(of: "centcom").map(\.id).first == "us-forces")
    #expect(lexicon.ancestors(of: "idf").map(\.id).first == "israel")
  }

  @Test(arguments: [
    ("Iran-backed militants fired rockets.", "iran-backed-militias"),
    ("Unknown gunmen opened fire.", "unidentified-gunmen"),
    ("Kataib Hezbollah claimed the attack.", "kataib-hezbollah"),
    ("U.S. troops returned fire.", "us-forces"),
    ("The Houthis launched a drone.", "houthis"),
  ])
  func genericAndNamedActors(_ text: String, _ id: String) throws {
    let (doc, lexicon) = try annotate(text)
    #expect(doc.mentions(.actor).map { lexicon.actors[$0.entry].id }.contains(id), "\(doc.mentions(.actor).map { lexicon.actors[$0.entry].id })")
  }

  @Test func thePronounUsIsNotTheUnitedStates() throws {
    let (doc, _) = try annotate("They told us nothing.")
    #expect(doc.mentions(.actor).isEmpty)
  }
}
