import SitrepModel

/// Proleptic Gregorian dates as day numbers (days since 1970-01-01), without
/// Foundation's calendars, so weeks never depend on the machine's locale.
enum Days {
  /// The day number of `YYYY-MM-DD` (a longer string, such as a timestamp, uses its first 10 characters).
  static func number(_ iso: String) -> Int? {
    let parts = iso.prefix(10).split(separator: "-")
    guard iso.count >= 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d)
    else { return nil }
    return fromCivil(year: y, month: m, day: d)
  }

  static func daysIn(month m: Int, year y: Int) -> Int { PublicationDate.daysIn(month: m, year: y) }

  /// Days since 1970-01-01 (the model's calendar).
  static func fromCivil(year: Int, month: Int, day: Int) -> Int { FuzzyDate.dayNumber(year, month, day) }

  /// The calendar day of a day number.
  static func civil(_ z: Int) -> (year: Int, month: Int, day: Int) { FuzzyDate.civil(z) }

  /// The Monday on or before `day` (ISO weeks start on Monday; 1970-01-01 was a Thursday).
  static func weekStart(_ day: Int) -> Int {
    let weekday = ((day + 3) % 7 + 7) % 7  // 0 = Monday
    return day - weekday
  }

  static func iso(_ day: Int) -> String {
    let c = civil(day)
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
