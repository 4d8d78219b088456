import Foundation
import SitrepExtract
import SitrepIngest
import SitrepLexicon
import SitrepModel
import SitrepTestSupport
import Testing

/// Extraction rules on short texts written for these tests (no article text).
@Suite struct ExtractionRuleTests {
  static let extractor: EventExtractor? = try? EventExtractor(lexicon: Lexicon.bundled())

  func extract(_ text: String, published: String? = "2022-01-05") throws -> Extraction {
    let extractor = try #require(Self.extractor)
    var article = Article(id: "t", text: text, published: published.flatMap(PublicationDate.init(iso8601:)), origin: "test")
    article.furniture = try FurnitureDetector.bundled().detect(in: text)
    return extractor.extract(article)
  }

  @Test func anIncidentWithEveryField() throws {
    let x = try extract("On Tuesday two drones were shot down over the Ain al-Asad air base, officials said.")
    let e = try #require(x.events.first)
    #expect(x.events.count == 1)
    #expect(e.eventType == "Strategic developments")
    #expect(e.subEventType == "Disrupted weapons use")
    #expect(e.date.iso == "2022-01-04")
    #expect(e.place.name.contains("Ain al-Asad"))
    #expect(e.place.precision == "site")
    #expect(e.weapons == ["drone"])
    #expect(e.sources.first?.reportedBy == "officials")
    // every piece of evidence lies inside the text
    for ev in e.evidence { #expect(Int(ev.range.end) <= x.document.text.utf8.count) }
  }

  @Test(arguments: [
    ("Since October, militias have mounted dozens of attacks against American troops.", "reject.aggregate.v1"),
    ("Iran is plotting to attack US forces in Syria next month.", "reject.threat.v1"),
    ("Officials said militias could attack the base at Al-Tanf on Friday.", "reject.threat.v1"),
    ("The group vowed to strike Israeli targets on Monday.", "reject.threat.v1"),
    ("A spate of attacks this week targeted bases in Iraq.", "reject.aggregate.v1"),
    ("Read more: Drone attack on US base in Syria on Monday", "reject.furniture.v1"),
  ])
  func nonEventsAreRejectedWithAReason(_ text: String, _ rule: String) throws {
    let x = try extract(text)
    #expect(x.events.isEmpty, "\(x.events.map(\.summary))")
    #expect(x.diagnostics.contains { $0.rule == rule }, "\(x.diagnostics.map(\.rule))")
  }

  @Test(arguments: [
    ("Israeli airstrikes hit targets near Palmyra on Tuesday, killing three militiamen and a Syrian soldier.", 4, nil as Int?),
    ("A drone attack on the base at Al-Tanf on Monday killed a contractor and wounded five soldiers.", 1, 5),
    ("Rockets struck Baghdad airport on Monday but caused no casualties, police said.", 0, 0),
    ("A car bomb exploded in Baghdad on Monday, killing at least 17 people.", 17, nil),
  ])
  func casualties(_ text: String, _ fatalities: Int, _ injuries: Int?) throws {
    let e = try #require(try extract(text).events.first)
    #expect(e.fatalities == fatalities)
    #expect(e.injuries == injuries)
  }

  @Test func hedgesClaimsAndDenials() throws {
    #expect(try extract("Rockets reportedly hit the Conoco field on Monday.").events.first?.certainty == "alleged")
    #expect(try extract("The Islamic Resistance in Iraq claimed responsibility for a drone attack on Erbil airport on Monday.").events.first?.certainty == "claimed")
  }

  @Test func oneIncidentMentionedTwiceIsOneEvent() throws {
    let x = try extract(
      "A drone attack on the US base at Al-Tanf on Monday caused no casualties.\nThe attack was the third this month, officials said.")
    #expect(x.events.count == 1)
    #expect(x.events.first?.sources.count == 2)
  }

  @Test func severalDatesInOneSentenceAreSeveralEvents() throws {
    let x = try extract(
      "US jets struck militia sites in Deir ez-Zor on December 26 and December 29, and precision strikes on January 2 in Abu Kamal.")
    #expect(x.events.map(\.date.iso) == ["2021-12-26", "2021-12-29", "2022-01-02"])
    #expect(x.events.last?.place.name.contains("Kamal") == true)
  }

  @Test func directionsAroundATownWidenThePrecision() throws {
    let near = try #require(try extract("A drone was shot down near Palmyra on Monday.").events.first)
    #expect(near.place.precision == "locality")
    let east = try #require(try extract("A drone was shot down east of Palmyra on Monday.").events.first)
    #expect(east.place.precision == "district")
    #expect(east.place.name == "east of Palmyra")
    let region = try #require(try extract("A drone was shot down in eastern Syria on Monday.").events.first)
    #expect(region.place.precision == "region")
  }

  @Test func anOldIncidentIsBackground() throws {
    let e = try #require(try extract("Ain al-Asad air base was hit in a 2020 missile strike by Iran.").events.first)
    #expect(e.background)
    #expect(e.date.iso == "2020")
  }

  @Test(arguments: [
    "",
    "1 2 3 4 5 6 7 8 9 10",
    String(repeating: "drone attack ", count: 15_000),
    "هاجمت طائرة مسيرة قاعدة في دير الزور يوم الثلاثاء",
    "Un dron atacó una base militar en Siria el martes, según fuentes locales.",
    "The strike on February 30 was reported.",
  ])
  func oddTextMakesNoEventsUp(_ text: String) throws {
    let x = try extract(text, published: nil)
    #expect(x.events.isEmpty, "\(x.events.map(\.summary))")
  }
}

/// The seed articles: every event is built from the text, and its evidence is verbatim.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct SeedExtractionTests {
  @Test func evidenceIsCutFromTheArticle() throws {
    let extractor = try EventExtractor(lexicon: Lexicon.bundled())
    let furniture = try FurnitureDetector.bundled()
    let folder = TestSupport.shared("corpus/seeds")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".txt") {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      var article = Article(id: name, text: text, published: PublicationDate(iso8601: "2023-01-01"), origin: name)
      article.furniture = furniture.detect(in: text)
      let x = extractor.extract(article)
      for e in x.events {
        for s in e.sources {
          let quote = String(text[utf8: s.sentence])
          #expect(!quote.isEmpty && text.contains(quote))
          // no source sentence is page furniture
          #expect(!article.furniture.contains { $0.range.start <= s.sentence.start && s.sentence.end <= $0.range.end })
        }
      }
    }
  }
}
