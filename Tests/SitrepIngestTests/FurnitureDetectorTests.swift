import Foundation
@testable import SitrepIngest
import SitrepModel
import Testing

@Suite struct FurnitureDetectorTests {
  let detector: FurnitureDetector

  init() throws { detector = try .bundled() }

  func kinds(_ text: String) -> [String] { detector.detect(in: text).map(\.kind) }

  @Test(arguments: [
    ("Read more: Officials meet to discuss border crossing", "read-more"),
    ("READ MORE: Something else", "read-more"),
    ("Also read: A related headline", "read-more"),
    ("Check Also", "check-also"),
    ("Some words about the weather pic.twitter.com/AbCdEf123", "social-embed"),
    ("— Example Outlet (@ExampleOutlet) February 22, 2022", "social-embed"),
    ("Share this article", "share"),
    ("Share on Facebook · Tweet · Email", "share"),
    ("Follow us on Telegram for updates", "subscribe"),
    ("Sign up for our daily briefing", "subscribe"),
    ("Advertisement", "advert"),
    ("Photo: A convoy on a desert road (illustrative)", "caption"),
    ("Smoke rises over the town. (AP Photo/Example Person)", "caption"),
    (" date 2023-11-16 The report begins here", "dateline"),
  ])
  func recognisesFurniture(_ line: String, _ kind: String) {
    let found = kinds("First paragraph of a report.\n\(line)\nLast paragraph.")
    #expect(found.first == kind)
    // only "Check Also" claims the lines after it (its teaser)
    #expect(found.count == (kind == "check-also" ? 2 : 1))
  }

  @Test(arguments: [
    "Officials said they would read more reports before deciding.",
    "The group said it would share intelligence with its allies.",
    "Five drones were launched at the base on October 20, officials said.",
    "He told reporters the photo was taken in March.",
  ])
  func leavesReportingAlone(_ line: String) {
    #expect(kinds(line).isEmpty)
  }

  @Test func checkAlsoTakesItsTeaserLines() throws {
    let text = "Body of the report.\n\nCheck Also\n\nA teaser headline\n\nA teaser first sentence …\n"
    let spans = detector.detect(in: text)
    #expect(spans.map(\.kind) == ["check-also", "check-also", "check-also"])
    #expect(spans.map { String(text[utf8: $0.range]) } == ["Check Also", "A teaser headline", "A teaser first sentence …"])
  }

  @Test func datelineSpanCoversOnlyTheDate() throws {
    let text = " date 2023-11-16 Iranian-backed groups did things."
    let span = try #require(detector.detect(in: text).first)
    #expect(text[utf8: span.range] == " date 2023-11-16")
  }

  @Test func spansAreOnScalarBoundariesInUnicodeText() {
    let text = "“Quoted” line — with dashes\nRead more: “Another” headline…\nEnd"
    for span in detector.detect(in: text) {
      let cut = text[utf8: span.range]
      #expect(cut.hasPrefix("Read more"))
      #expect(cut.hasSuffix("headline…"))
    }
  }

  @Test func malformedRulesNameTheirLine() {
    #expect(throws: SitrepError.self) {
      _ = try FurnitureDetector(tsv: "# header\nid\tkind\tprefix\tx\t\t0\t0\n", file: "rules.tsv")
    }
    do {
      _ = try FurnitureDetector(tsv: "# header\nx.v1\tk\tbogus\tx\t\t0\t0\tline\n", file: "rules.tsv")
      Issue.record("expected an error")
    } catch let error as SitrepError {
      #expect(error.location == "rules.tsv:2")
      #expect(error.message.contains("bogus"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
