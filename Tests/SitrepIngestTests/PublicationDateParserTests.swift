import Foundation
import SitrepIngest
import SitrepModel
import Testing

@Suite struct PublicationDateParserTests {
  /// Each format news sources write, and the date (UTC) it names.
  static let accepted: [(String, String)] = [
    // ISO 8601
    ("2023-06-02", "2023-06-02"),
    ("2023-06-02T14:05:00Z", "2023-06-02T14:05:00Z"),
    ("2023-06-02T14:05:00+03:00", "2023-06-02T11:05:00Z"),
    ("2023-06-02T14:05:00.123-0500", "2023-06-02T19:05:00Z"),
    ("2023-06-02T14:05:00.123456Z", "2023-06-02T14:05:00Z"),
    ("2023-06-02 14:05", "2023-06-02T14:05:00Z"),
    ("2023-06-02T14:05", "2023-06-02T14:05:00Z"),
    ("2023-06-02t14:05:00z", "2023-06-02T14:05:00Z"),
    ("2023-06-02T14:05:00+03", "2023-06-02T11:05:00Z"),
    ("  2023-06-02  ", "2023-06-02"),
    // the zone moves the day
    ("2023-06-02T01:30:00+03:00", "2023-06-01T22:30:00Z"),
    ("2023-12-31T22:00:00-05:00", "2024-01-01T03:00:00Z"),
    ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00Z"),
    // RFC 822 / 1123
    ("Fri, 02 Jun 2023 14:05:00 GMT", "2023-06-02T14:05:00Z"),
    ("Fri, 2 Jun 2023 14:05:00 +0300", "2023-06-02T11:05:00Z"),
    ("Fri, 02 Jun 2023 14:05 UT", "2023-06-02T14:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 UTC", "2023-06-02T14:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 Z", "2023-06-02T14:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 EST", "2023-06-02T19:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 EDT", "2023-06-02T18:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 CST", "2023-06-02T20:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 CDT", "2023-06-02T19:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 MST", "2023-06-02T21:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 MDT", "2023-06-02T20:05:00Z"),
    ("Fri, 02 Jun 2023 20:05:00 PST", "2023-06-03T04:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 PDT", "2023-06-02T21:05:00Z"),
    ("fri, 02 JUN 2023 14:05:00 gmt", "2023-06-02T14:05:00Z"),
    ("Fri, 02 Jun 23 14:05:00 GMT", "2023-06-02T14:05:00Z"),
    ("Fri, 02 Jun 2023 14:05:00 GMT+0100", "2023-06-02T13:05:00Z"),
    // Reuters
    ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"),
    ("3-MAR-1987 09:10:00.00", "1987-03-03T09:10:00Z"),
    // written dates
    ("Wed 05 Apr 2017", "2017-04-05"),
    ("Wednesday, 5 April 2017", "2017-04-05"),
    ("5 April 2017", "2017-04-05"),
    ("05 apr 2017", "2017-04-05"),
    ("April 5, 2017", "2017-04-05"),
    ("Apr. 5, 2017", "2017-04-05"),
    ("april 5 2017", "2017-04-05"),
    ("Sept 5, 2017", "2017-09-05"),
    ("SEPTEMBER 5, 2017", "2017-09-05"),
    ("5th April 2017", "2017-04-05"),
    ("April 5th, 2017", "2017-04-05"),
    ("April 5, 2017 3:04 PM EDT", "2017-04-05T19:04:00Z"),
    ("April 5, 2017 12:10 a.m.", "2017-04-05T00:10:00Z"),
    ("Wednesday, April 5, 2017 at 9:30 am", "2017-04-05T09:30:00Z"),
    // US numeric and other numeric orders
    ("4/5/17", "2017-04-05"),
    ("4/5/2017", "2017-04-05"),
    ("04/05/2017", "2017-04-05"),
    ("12/31/99", "1999-12-31"),
    ("1/1/68", "2068-01-01"),
    ("1/1/69", "1969-01-01"),
    ("1/1/00", "2000-01-01"),
    ("4/5/2017 14:05", "2017-04-05T14:05:00Z"),
    ("2017/04/05", "2017-04-05"),
    ("20170405", "2017-04-05"),
    ("20170405T140500Z", "2017-04-05T14:05:00Z"),
    ("05.04.2017", "2017-04-05"),
    // leap day
    ("2024-02-29", "2024-02-29"),
    ("February 29, 2000", "2000-02-29"),
  ]

  @Test(arguments: accepted)
  func parsesTheFormatNewsSourcesUse(_ raw: String, _ expected: String) {
    #expect(PublicationDateParser.parse(raw)?.iso8601 == expected, "parsing '\(raw)'")
  }

  @Test func aDateWithoutATimeStaysACalendarDay() {
    let date = PublicationDateParser.parse("5 April 2017")
    #expect(date?.secondsUTC == nil)
    #expect(date == PublicationDate(year: 2017, month: 4, day: 5))
  }

  static let rejected: [String] = [
    "", "   ", "garbage", "yesterday", "2023-02-30", "February 30, 2023", "30 Feb 2023", "2/30/2023",
    "2023-13-01", "2023-00-10", "2023-06-00", "13/01/2023", "2023-06-02T25:00:00Z", "2023-06-02T14:61:00Z",
    "2023-06-02T14:05:00 XYZ", "2023-06-02 and more text", "June 2023", "2023", "Fri, 02 Foo 2023",
    "20230230", "2019-02-29", "2023-6-2x", "Friday", "4/5", "2023-06-02T14:05:00+25:00", "13:05 PM",
  ]

  @Test(arguments: rejected)
  func rejectsWhatIsNotARealDate(_ raw: String) {
    #expect(PublicationDateParser.parse(raw) == nil, "'\(raw)' should not parse")
  }

  @Test func isFastEnoughForBulkIngest() {
    let samples = Self.accepted.map(\.0) + Self.rejected
    let start = ContinuousClock.now
    var parsed = 0
    for i in 0..<24_000 where PublicationDateParser.parse(samples[i % samples.count]) != nil { parsed += 1 }
    let elapsed = ContinuousClock.now - start
    #expect(parsed > 0)
    // Far below this even in debug builds; a per-call DateFormatter or Regex would not be.
    #expect(elapsed < .seconds(2))
  }
}
