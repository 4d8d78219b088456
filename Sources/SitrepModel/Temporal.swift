/// A date as precise as the text allows: a day, a month or a year.
public struct FuzzyDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public enum Precision: String, Sendable, Hashable, Codable, Comparable {
    case year, month, day
    /// Higher is more precise: year 0, month 1, day 2.
    public var rank: Int { self == .year ? 0 : self == .month ? 1 : 2 }
    public static func < (a: Precision, b: Precision) -> Bool { a.rank < b.rank }
  }

  public var year: Int
  public var month: Int?
  public var day: Int?

  public init(year: Int, month: Int? = nil, day: Int? = nil) {
    self.year = year
    self.month = month
    self.day = month == nil ? nil : day
  }

  public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

  /// `2021-10-20`, `2021-10` or `2021`.
  public var iso: String {
    var s = String(year)
    while s.count < 4 { s = "0" + s }
    if let m = month { s += "-" + (m < 10 ? "0" : "") + String(m) }
    if let d = day { s += "-" + (d < 10 ? "0" : "") + String(d) }
    return s
  }

  public var description: String { iso }

  /// Parses `2021-10-20`, `2021-10` or `2021`; nil for anything else,
  /// including days a month does not have (`2023-02-30`).
  public static func parse(_ text: String) -> FuzzyDate? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }) else {
      return nil
    }
    let numbers = parts.compactMap { Int($0) }
    guard numbers.count == parts.count, numbers[0] >= 1 else { return nil }
    if numbers.count > 1, !(1...12).contains(numbers[1]) { return nil }
    if numbers.count > 2, !(1...PublicationDate.daysIn(month: numbers[1], year: numbers[0])).contains(numbers[2]) {
      return nil
    }
    return FuzzyDate(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
  }

  /// First and last day as day numbers (days since 1970-01-01).
  public var interval: ClosedRange<Int> {
    if let m = month, let d = day {
      let x = FuzzyDate.dayNumber(year, m, d)
      return x...x
    }
    if let m = month {
      return FuzzyDate.dayNumber(year, m, 1)...FuzzyDate.dayNumber(year, m, PublicationDate.daysIn(month: m, year: year))
    }
    return FuzzyDate.dayNumber(year, 1, 1)...FuzzyDate.dayNumber(year, 12, 31)
  }

  /// Whether the two dates can denote the same day (one contains the other).
  public func isCompatible(with other: FuzzyDate, slackDays: Int = 0) -> Bool {
    let a = interval
    let b = other.interval
    return a.lowerBound - slackDays <= b.upperBound && b.lowerBound - slackDays <= a.upperBound
  }

  public static func < (a: FuzzyDate, b: FuzzyDate) -> Bool { a.interval.lowerBound < b.interval.lowerBound }

  /// Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's algorithm.
  public static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The calendar day of a day number.
  public static func civil(_ z: Int) -> (year: Int, month: Int, day: Int) {
    let z = z + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// 1 = Sunday … 7 = Saturday.
  public static func weekday(_ dayNumber: Int) -> Int {
    ((dayNumber + 4) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday (5)
  }

  public init(dayNumber: Int) {
    let c = FuzzyDate.civil(dayNumber)
    self.init(year: c.year, month: c.month, day: c.day)
  }
}

/// A time expression as written, before it is resolved against a reference
/// date (HeidelTime's two phases, typed).
public enum TemporalValue: Sendable, Hashable {
  /// A fully given date ("October 20, 2021", "2021-10-20", "February 2023", "2019").
  case absolute(FuzzyDate)
  /// Month and day without a year ("on October 20").
  case monthDay(month: Int, day: Int)
  /// A month without a year ("in July", "in late January").
  case month(Int)
  /// A weekday ("Tuesday", "last Tuesday").
  case weekday(Int, last: Bool)
  /// Days from the reference ("yesterday" = -1, "today" = 0).
  case relativeDays(Int)
  /// Weeks from the reference ("this week" = 0): known to the month only.
  case relativeWeeks(Int)
  /// Months from the reference ("last month" = -1, "this month" = 0).
  case relativeMonths(Int)
  /// Years from the reference ("last year" = -1).
  case relativeYears(Int)
  /// "the same day", "hours before", "that day": the day of the incident mentioned just before.
  case sameDayAsContext(offset: Int)
}

/// A time expression found in a document, with its resolution.
public struct TemporalExpression: Sendable, Hashable {
  public var value: TemporalValue
  public var tokens: Range<Int>
  public var range: TextRange
  /// The resolved date; nil for anaphora (resolved by the extractor) or impossible dates.
  public var resolved: FuzzyDate?
  /// Why it could not be resolved, if it could not.
  public var problem: String?
  /// The rule that found it, e.g. `date.month-day.v1`.
  public var rule: String

  public init(
    value: TemporalValue, tokens: Range<Int>, range: TextRange, resolved: FuzzyDate? = nil, problem: String? = nil,
    rule: String
  ) {
    self.value = value
    self.tokens = tokens
    self.range = range
    self.resolved = resolved
    self.problem = problem
    self.rule = rule
  }
}
