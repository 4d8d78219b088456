import Foundation
import SitrepModel
import Testing

@Suite struct OffsetMapTests {
  @Test(arguments: [
    "plain ascii text",
    "curly ‘quotes’ and — dashes…",
    "Arabic دير الزور and a flag 🇸🇾 and é",
    "",
  ])
  func codePointsMatchUnicodeScalars(_ text: String) {
    let map = OffsetMap(text)
    var utf8 = 0
    var scalars = 0
    for s in text.unicodeScalars {
      #expect(map.codePoint(UInt32(utf8)) == scalars)
      utf8 += UTF8.width(s)
      scalars += 1
    }
    #expect(map.codePoint(UInt32(utf8)) == scalars)
  }

  @Test func utf8SubscriptCutsTheRightText() {
    let text = "He said “yes” — twice"
    let start = text.utf8.count - "twice".utf8.count
    #expect(text[utf8: TextRange(start..<text.utf8.count)] == "twice")
  }
}

@Suite struct PublicationDateTests {
  @Test func impossibleDaysAreRejected() {
    #expect(PublicationDate(year: 2023, month: 2, day: 30) == nil)
    #expect(PublicationDate(year: 2023, month: 2, day: 29) == nil)
    #expect(PublicationDate(year: 2024, month: 2, day: 29) != nil)
    #expect(PublicationDate(year: 1900, month: 2, day: 29) == nil)
    #expect(PublicationDate(year: 2000, month: 2, day: 29) != nil)
    #expect(PublicationDate(year: 2023, month: 13, day: 1) == nil)
    #expect(PublicationDate(year: 2023, month: 4, day: 31) == nil)
  }

  @Test func iso8601RoundTrips() throws {
    let d = try #require(PublicationDate(year: 2021, month: 10, day: 20, secondsUTC: 3600 * 13 + 62))
    #expect(d.iso8601 == "2021-10-20T13:01:02Z")
    #expect(PublicationDate(iso8601: d.iso8601) == d)
    #expect(PublicationDate(iso8601: "2021-10-20")?.day8601 == "2021-10-20")
    #expect(PublicationDate(iso8601: "2021-02-30") == nil)
  }
}

@Suite struct MinHashTests {
  static let base = (1...80).map { "word\($0 % 37) term\($0)" }.joined(separator: " ")

  @Test func identicalTextsAreSimilarOne() throws {
    let a = try #require(MinHashSignature(text: Self.base))
    let b = try #require(MinHashSignature(text: Self.base.uppercased()))
    #expect(a.similarity(to: b) == 1)
    #expect(a.bandKeys == b.bandKeys)
  }

  @Test func lightEditsStaySimilarAndOtherTextsDoNot() throws {
    let a = try #require(MinHashSignature(text: Self.base))
    let edited = try #require(MinHashSignature(text: Self.base.replacingOccurrences(of: "term40 ", with: "") + " extra"))
    let other = try #require(MinHashSignature(text: (1...80).map { "other\($0)" }.joined(separator: " ")))
    #expect(a.similarity(to: edited) > 0.8)
    #expect(a.similarity(to: other) < 0.2)
  }

  @Test func skippedRangesAreIgnored() throws {
    let furniture = "Read more: something else entirely with many words in it here now"
    let text = Self.base + "\n" + furniture
    let start = Self.base.utf8.count + 1
    let withSkip = try #require(
      MinHashSignature(text: text, skipping: [TextRange(start..<(start + furniture.utf8.count))]))
    let plain = try #require(MinHashSignature(text: Self.base + "\n"))
    #expect(withSkip.similarity(to: plain) == 1)
  }

  @Test func shortTextsHaveNoSignature() {
    #expect(MinHashSignature(text: "Too short to judge by shape.") == nil)
  }

  @Test func bytesRoundTrip() throws {
    let a = try #require(MinHashSignature(text: Self.base))
    #expect(MinHashSignature(bytes: a.bytes) == a)
  }
}
