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

  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func daysIn(month m: Int, year y: Int) -> Int {
    [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  }

  /// Howard Hinnant's `days_from_civil`.
  static func fromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Howard Hinnant's `civil_from_days`.
  static func civil(_ z: Int) -> (year: Int, month: Int, day: Int) {
    let z = z + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

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
