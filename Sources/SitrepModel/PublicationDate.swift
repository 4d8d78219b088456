import Foundation

/// When an article was published, as precisely as its source says.
///
/// A date without a time of day (`2023-06-02`) stays a calendar day: it is
/// not silently turned into midnight in some time zone.
public struct PublicationDate: Sendable, Hashable, Codable, Comparable {
  public var year: Int
  public var month: Int
  public var day: Int
  /// Seconds since midnight UTC, when the source gave a time.
  public var secondsUTC: Int?

  public init?(year: Int, month: Int, day: Int, secondsUTC: Int? = nil) {
    guard PublicationDate.isValid(year: year, month: month, day: day) else { return nil }
    self.year = year
    self.month = month
    self.day = day
    self.secondsUTC = secondsUTC
  }

  public static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard (1..<10000).contains(year), (1...12).contains(month), day >= 1 else { return false }
    return day <= daysIn(month: month, year: year)
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// `YYYY-MM-DD`.
  public var day8601: String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }

  /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`.
  public var iso8601: String {
    guard let s = secondsUTC else { return day8601 }
    return day8601 + String(format: "T%02d:%02d:%02dZ", s / 3600, s / 60 % 60, s % 60)
  }

  /// Parses what ``iso8601`` writes.
  public init?(iso8601 string: String) {
    let b = Array(string.utf8)
    func num(_ r: Range<Int>) -> Int? {
      guard r.upperBound <= b.count else { return nil }
      var v = 0
      for i in r {
        guard (48...57).contains(b[i]) else { return nil }
        v = v * 10 + Int(b[i] - 48)
      }
      return v
    }
    guard b.count >= 10, b[4] == 45, b[7] == 45,
      let y = num(0..<4), let m = num(5..<7), let d = num(8..<10)
    else { return nil }
    var secs: Int?
    if b.count >= 19, b[10] == 84, let hh = num(11..<13), let mm = num(14..<16), let ss = num(17..<19) {
      secs = hh * 3600 + mm * 60 + ss
    }
    self.init(year: y, month: m, day: d, secondsUTC: secs)
  }

  public static func < (a: PublicationDate, b: PublicationDate) -> Bool {
    (a.year, a.month, a.day, a.secondsUTC ?? 0) < (b.year, b.month, b.day, b.secondsUTC ?? 0)
  }
}
