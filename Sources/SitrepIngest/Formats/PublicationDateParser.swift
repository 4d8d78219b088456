import SitrepModel

/// Parses the publication dates news sources write, in every common format.
///
/// Recognised shapes (case-insensitive, surrounding whitespace ignored):
/// - ISO 8601: `2023-06-02`, `2023-06-02T14:05:00Z`, `2023-06-02T14:05:00+03:00`,
///   `2023-06-02T14:05:00.123-0500`, `2023-06-02 14:05`, `20170405`, `20170405T140500Z`,
///   and `2017/04/05` (optionally with a time);
/// - RFC 822/1123: `Fri, 02 Jun 2023 14:05:00 GMT`, `Fri, 2 Jun 2023 14:05:00 +0300`,
///   with zones GMT, UT, UTC, Z, EST/EDT, CST/CDT, MST/MDT, PST/PDT (and a few
///   unambiguous others such as CET, CEST, BST, MSK, JST);
/// - Reuters: `26-FEB-1987 15:01:01.79`;
/// - written dates: `Wed 05 Apr 2017`, `5 April 2017`, `April 5, 2017`, `Apr. 5, 2017`,
///   `Wednesday, April 5th, 2017 3:04 PM EDT`, `Sept 5, 2017`;
/// - US numeric: `4/5/17`, `4/5/2017` (month first; two-digit years 00–68 are 20xx,
///   69–99 are 19xx); European dotted `05.04.2017` (day first).
///
/// A time with a zone is converted to UTC, moving the day when the zone
/// shifts it; a time without a zone is taken as UTC. A date without a time
/// stays a calendar day (``PublicationDate/secondsUTC`` is nil). Impossible
/// dates (`2023-02-30`, month 13) and anything with unrecognised trailing
/// text give nil. The clock is never consulted.
///
/// ```swift
/// PublicationDateParser.parse("Fri, 2 Jun 2023 01:05:00 +0300")?.iso8601
/// // "2023-06-01T22:05:00Z"
/// ```
///
/// - Complexity: O(n) in the length of `raw`, with no allocation for native strings.
public enum PublicationDateParser {
  /// The date `raw` names, or nil when it is not a date this parser knows or not a real day.
  public static func parse(_ raw: String) -> PublicationDate? {
    if let result = raw.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
      return result
    }
    let copy = Array(raw.utf8)
    return copy.withUnsafeBufferPointer { parse(bytes: $0) }
  }

  /// Parses UTF-8 bytes; the shared implementation of ``parse(_:)``.
  static func parse(bytes: UnsafeBufferPointer<UInt8>) -> PublicationDate? {
    var s = DateScanner(bytes)
    return s.parse()
  }
}

/// A cursor over the bytes of one date string.
struct DateScanner {
  let b: UnsafeBufferPointer<UInt8>
  var i: Int
  var end: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    b = bytes
    i = 0
    end = bytes.count
  }

  /// A calendar day before any time-zone conversion.
  struct Day {
    var year: Int
    var month: Int
    var day: Int
  }

  // MARK: Entry

  mutating func parse() -> PublicationDate? {
    // Trim surrounding whitespace.
    while i < end, Self.isSpace(b[i]) { i += 1 }
    while end > i, Self.isSpace(b[end - 1]) { end -= 1 }
    guard i < end else { return nil }
    skipWeekday()
    guard i < end else { return nil }
    let day: Day
    if Self.isDigit(b[i]) {
      guard let d = numericStart() else { return nil }
      day = d
    } else if Self.isLetter(b[i]) {
      guard let d = monthFirst() else { return nil }
      day = d
    } else {
      return nil
    }
    guard PublicationDate.isValid(year: day.year, month: day.month, day: day.day) else { return nil }
    // Optional time (and zone).
    let save = i
    skipTimeSeparator()
    if i >= end {
      // Only separators after the date, e.g. a trailing comma.
      return PublicationDate(year: day.year, month: day.month, day: day.day)
    }
    guard Self.isDigit(b[i]) else {
      i = save
      skipSpaces()
      // A date alone may carry a trailing zone-less comment, nothing else.
      guard skipTrailingComment() else { return nil }
      return PublicationDate(year: day.year, month: day.month, day: day.day)
    }
    guard let local = time() else { return nil }
    guard let offset = zone() else { return nil }
    skipSpaces()
    guard skipTrailingComment() else { return nil }
    return Self.normalise(day, seconds: local, offset: offset)
  }

  // MARK: Date shapes

  /// A date that starts with digits: ISO, compact ISO, US slashes, dotted,
  /// Reuters `26-FEB-1987`, or day-first `5 April 2017`.
  mutating func numericStart() -> Day? {
    let start = i
    let n1 = number()
    let digits = i - start
    if digits == 8 {
      // 20170405
      let y = n1 / 10_000
      let m = n1 / 100 % 100
      let d = n1 % 100
      return Day(year: y, month: m, day: d)
    }
    guard i < end else { return nil }
    let sep = b[i]
    if digits == 4 {
      // 2023-06-02, 2017/04/05, 2017.04.05
      guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
      i += 1
      guard let m = number(maxDigits: 2), expect(sep), let d = number(maxDigits: 2) else { return nil }
      return Day(year: n1, month: m, day: d)
    }
    guard digits <= 2 else { return nil }
    skipOrdinalSuffix()
    guard i < end else { return nil }
    let next = b[i]
    if next == UInt8(ascii: "/") {
      // m/d/yy, m/d/yyyy (US order)
      i += 1
      guard let d = number(maxDigits: 2), expect(UInt8(ascii: "/")), let y = year() else { return nil }
      return Day(year: y, month: n1, day: d)
    }
    if next == UInt8(ascii: "."), i + 1 < end, Self.isDigit(b[i + 1]) {
      // 05.04.2017 (day first, four-digit year only)
      i += 1
      guard let m = number(maxDigits: 2), expect(UInt8(ascii: ".")) else { return nil }
      let yStart = i
      let y = number()
      guard i - yStart == 4 else { return nil }
      return Day(year: y, month: m, day: n1)
    }
    if next == UInt8(ascii: "-") {
      // 26-FEB-1987
      i += 1
      guard let m = monthName(), expect(UInt8(ascii: "-")), let y = year() else { return nil }
      return Day(year: y, month: m, day: n1)
    }
    // 5 April 2017, 02 Jun 2023, 5th of April, 2017, 5. April 2017
    skipPeriod()
    skipSpacesAndCommas()
    if wordIs("of") { skipSpaces() }
    guard let m = monthName() else { return nil }
    skipPeriod()
    skipSpacesAndCommas()
    guard let y = year() else { return nil }
    return Day(year: y, month: m, day: n1)
  }

  /// `April 5, 2017`, `Apr. 5, 2017`, `Sept 5 2017`, `April 5th, 2017`.
  mutating func monthFirst() -> Day? {
    guard let m = monthName() else { return nil }
    skipPeriod()
    skipSpaces()
    guard let d = number(maxDigits: 2) else { return nil }
    skipOrdinalSuffix()
    skipSpacesAndCommas()
    guard let y = year() else { return nil }
    return Day(year: y, month: m, day: d)
  }

  // MARK: Time and zone

  /// `14:05`, `14:05:00`, `14:05:00.123`, `3:04 PM`, `150101` (after a `T`):
  /// seconds since local midnight.
  mutating func time() -> Int? {
    let start = i
    let first = number()
    let digits = i - start
    var h = first
    var m = 0
    var s = 0
    if digits == 4 || digits == 6, i >= end || b[i] != UInt8(ascii: ":") {
      // Compact ISO time: HHMM or HHMMSS.
      if digits == 6 {
        h = first / 10_000
        m = first / 100 % 100
        s = first % 100
      } else {
        h = first / 100
        m = first % 100
      }
    } else {
      guard digits >= 1, digits <= 2, expect(UInt8(ascii: ":")), let mm = number(exactDigits: 2) else { return nil }
      m = mm
      if i < end, b[i] == UInt8(ascii: ":") {
        i += 1
        guard let ss = number(exactDigits: 2) else { return nil }
        s = ss
      }
    }
    // Fractional seconds are dropped.
    if i + 1 < end, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), Self.isDigit(b[i + 1]) {
      i += 1
      while i < end, Self.isDigit(b[i]) { i += 1 }
    }
    // am / pm / a.m. / p.m.
    let save = i
    skipSpaces()
    if let meridiem = meridiem() {
      guard (1...12).contains(h) else { return nil }
      h = h % 12 + (meridiem ? 12 : 0)
    } else {
      i = save
    }
    guard h <= 23, m <= 59, s <= 60 else { return nil }
    return h * 3600 + m * 60 + min(s, 59)
  }

  /// `am`/`pm` with optional dots: true for pm, nil when absent.
  mutating func meridiem() -> Bool? {
    guard i < end else { return nil }
    let c = Self.lower(b[i])
    guard c == UInt8(ascii: "a") || c == UInt8(ascii: "p") else { return nil }
    var j = i + 1
    if j < end, b[j] == UInt8(ascii: ".") { j += 1 }
    guard j < end, Self.lower(b[j]) == UInt8(ascii: "m") else { return nil }
    j += 1
    if j < end, b[j] == UInt8(ascii: ".") { j += 1 }
    guard j >= end || !Self.isLetter(b[j]) else { return nil }
    i = j
    return c == UInt8(ascii: "p")
  }

  /// The zone after a time, as seconds east of UTC (0 when there is none).
  /// Nil for an unknown zone name or a malformed offset.
  mutating func zone() -> Int? {
    skipSpaces()
    guard i < end else { return 0 }
    let c = b[i]
    if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
      return numericOffset()
    }
    guard Self.isLetter(c) else { return c == UInt8(ascii: "(") ? 0 : nil }
    let start = i
    while i < end, Self.isLetter(b[i]) { i += 1 }
    guard let base = Self.zoneOffset(b, start, i) else { return nil }
    // GMT+3, UTC+03:00
    if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard base == 0, let extra = numericOffset() else { return nil }
      return extra
    }
    return base
  }

  /// `+03:00`, `-0500`, `+03`, `+3`: seconds east of UTC.
  mutating func numericOffset() -> Int? {
    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
    i += 1
    let start = i
    let n = number()
    let digits = i - start
    var h = 0
    var m = 0
    switch digits {
    case 1, 2:
      h = n
      if i < end, b[i] == UInt8(ascii: ":") {
        i += 1
        guard let mm = number(exactDigits: 2) else { return nil }
        m = mm
      }
    case 4:
      h = n / 100
      m = n % 100
    default:
      return nil
    }
    guard h <= 14, m <= 59 else { return nil }
    return sign * (h * 3600 + m * 60)
  }

  /// Known zone abbreviations (case-insensitive), in seconds east of UTC.
  static func zoneOffset(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
    let n = to - from
    guard n >= 1, n <= 4 else { return nil }
    var key: UInt32 = 0
    for k in from..<to { key = key << 8 | UInt32(lower(b[k])) }
    switch key {
    case fourCC("z"), fourCC("ut"), fourCC("utc"), fourCC("gmt"), fourCC("wet"): return 0
    case fourCC("est"): return -5 * 3600
    case fourCC("edt"): return -4 * 3600
    case fourCC("cst"): return -6 * 3600
    case fourCC("cdt"): return -5 * 3600
    case fourCC("mst"): return -7 * 3600
    case fourCC("mdt"): return -6 * 3600
    case fourCC("pst"): return -8 * 3600
    case fourCC("pdt"): return -7 * 3600
    case fourCC("akst"): return -9 * 3600
    case fourCC("akdt"): return -8 * 3600
    case fourCC("hst"): return -10 * 3600
    case fourCC("bst"), fourCC("cet"), fourCC("west"): return 3600
    case fourCC("cest"), fourCC("eet"): return 2 * 3600
    case fourCC("eest"), fourCC("msk"): return 3 * 3600
    case fourCC("jst"), fourCC("kst"): return 9 * 3600
    default: return nil
    }
  }

  /// Packs up to four lowercase ASCII letters into an integer key.
  static func fourCC(_ s: StaticString) -> UInt32 {
    var key: UInt32 = 0
    s.withUTF8Buffer { for c in $0 { key = key << 8 | UInt32(c) } }
    return key
  }

  /// Applies the zone: the UTC day and seconds.
  static func normalise(_ day: Day, seconds local: Int, offset: Int) -> PublicationDate? {
    let utc = local - offset
    var shift = 0
    var secs = utc
    if secs < 0 {
      shift = -((-secs + 86_399) / 86_400)
      secs -= shift * 86_400
    } else if secs >= 86_400 {
      shift = secs / 86_400
      secs -= shift * 86_400
    }
    guard shift != 0 else {
      return PublicationDate(year: day.year, month: day.month, day: day.day, secondsUTC: secs)
    }
    // the calendar arithmetic lives with the date types (FuzzyDate)
    let (y, m, d) = FuzzyDate.civil(FuzzyDate.dayNumber(day.year, day.month, day.day) + shift)
    return PublicationDate(year: y, month: m, day: d, secondsUTC: secs)
  }

  // MARK: Words

  /// Skips a leading weekday name (`Fri,`, `Wednesday`, `Thurs.`) if there is one.
  mutating func skipWeekday() {
    guard i < end, Self.isLetter(b[i]) else { return }
    let start = i
    var j = i
    while j < end, Self.isLetter(b[j]) { j += 1 }
    guard Self.isWeekday(b, start, j) else { return }
    i = j
    while i < end, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") || Self.isSpace(b[i]) { i += 1 }
  }

  static func isWeekday(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
    let n = to - from
    guard n >= 3 else { return false }
    let key = UInt32(lower(b[from])) << 16 | UInt32(lower(b[from + 1])) << 8 | UInt32(lower(b[from + 2]))
    let full: StaticString
    switch key {
    case fourCC("mon"): full = "monday"
    case fourCC("tue"): full = "tuesday"
    case fourCC("wed"): full = "wednesday"
    case fourCC("thu"): full = "thursday"
    case fourCC("fri"): full = "friday"
    case fourCC("sat"): full = "saturday"
    case fourCC("sun"): full = "sunday"
    default: return false
    }
    // An abbreviation (prefix of the full name, like `Tues`, `Thur`) or the full name.
    return matchesPrefix(b, from, to, of: full)
  }

  /// The month number of the word at the cursor (full name, three letters, or `Sept`), consuming it.
  mutating func monthName() -> Int? {
    let start = i
    var j = i
    while j < end, Self.isLetter(b[j]) { j += 1 }
    guard j - start >= 3 else { return nil }
    let key = UInt32(Self.lower(b[start])) << 16 | UInt32(Self.lower(b[start + 1])) << 8 | UInt32(Self.lower(b[start + 2]))
    let month: Int
    let full: StaticString
    switch key {
    case Self.fourCC("jan"): (month, full) = (1, "january")
    case Self.fourCC("feb"): (month, full) = (2, "february")
    case Self.fourCC("mar"): (month, full) = (3, "march")
    case Self.fourCC("apr"): (month, full) = (4, "april")
    case Self.fourCC("may"): (month, full) = (5, "may")
    case Self.fourCC("jun"): (month, full) = (6, "june")
    case Self.fourCC("jul"): (month, full) = (7, "july")
    case Self.fourCC("aug"): (month, full) = (8, "august")
    case Self.fourCC("sep"): (month, full) = (9, "september")
    case Self.fourCC("oct"): (month, full) = (10, "october")
    case Self.fourCC("nov"): (month, full) = (11, "november")
    case Self.fourCC("dec"): (month, full) = (12, "december")
    default: return nil
    }
    let n = j - start
    // Exactly three letters, `Sept`, or the full name.
    let ok = n == 3 || (month == 9 && n == 4 && Self.lower(b[start + 3]) == UInt8(ascii: "t"))
      || (n == full.utf8CodeUnitCount && Self.matchesPrefix(b, start, j, of: full))
    guard ok else { return nil }
    i = j
    return month
  }

  /// Whether the letters `b[from..<to]` are a prefix of `word` (case-insensitive).
  static func matchesPrefix(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, of word: StaticString) -> Bool {
    word.withUTF8Buffer { w in
      guard to - from <= w.count else { return false }
      for k in 0..<(to - from) where lower(b[from + k]) != w[k] { return false }
      return true
    }
  }

  /// Whether the next word is `word` (lowercase ASCII); consumes it if so.
  mutating func wordIs(_ word: StaticString) -> Bool {
    var j = i
    while j < end, Self.isLetter(b[j]) { j += 1 }
    guard j - i == word.utf8CodeUnitCount, Self.matchesPrefix(b, i, j, of: word) else { return false }
    i = j
    return true
  }

  /// `st`, `nd`, `rd`, `th` straight after a day number.
  mutating func skipOrdinalSuffix() {
    guard i + 1 < end else { return }
    let a = Self.lower(b[i])
    let c = Self.lower(b[i + 1])
    let isSuffix =
      (a == UInt8(ascii: "s") && c == UInt8(ascii: "t")) || (a == UInt8(ascii: "n") && c == UInt8(ascii: "d"))
      || (a == UInt8(ascii: "r") && c == UInt8(ascii: "d")) || (a == UInt8(ascii: "t") && c == UInt8(ascii: "h"))
    guard isSuffix, i + 2 >= end || !Self.isLetter(b[i + 2]) else { return }
    i += 2
  }

  // MARK: Numbers and punctuation

  /// Reads a run of digits (0 when there are none; check the cursor moved).
  mutating func number() -> Int {
    var v = 0
    var count = 0
    while i < end, Self.isDigit(b[i]) {
      if count < 18 { v = v * 10 + Int(b[i] &- 48) }
      count += 1
      i += 1
    }
    return v
  }

  /// A number of 1...maxDigits digits, or nil.
  mutating func number(maxDigits: Int) -> Int? {
    let start = i
    let v = number()
    let n = i - start
    return n >= 1 && n <= maxDigits ? v : nil
  }

  /// A number of exactly `exactDigits` digits, or nil.
  mutating func number(exactDigits: Int) -> Int? {
    let start = i
    let v = number()
    return i - start == exactDigits ? v : nil
  }

  /// A four-digit year, or a two-digit one (00–68 → 20xx, 69–99 → 19xx).
  mutating func year() -> Int? {
    let start = i
    let v = number()
    switch i - start {
    case 4: return v
    case 2: return v <= 68 ? 2000 + v : 1900 + v
    default: return nil
    }
  }

  /// Consumes `c` if it is next.
  mutating func expect(_ c: UInt8) -> Bool {
    guard i < end, b[i] == c else { return false }
    i += 1
    return true
  }

  mutating func skipPeriod() {
    if i < end, b[i] == UInt8(ascii: ".") { i += 1 }
  }

  mutating func skipSpaces() {
    while i < end, Self.isSpace(b[i]) { i += 1 }
  }

  mutating func skipSpacesAndCommas() {
    while i < end, Self.isSpace(b[i]) || b[i] == UInt8(ascii: ",") { i += 1 }
  }

  /// Between a date and its time: `T`, spaces, a comma, `at`, a `-` or `|` with spaces.
  mutating func skipTimeSeparator() {
    if i < end, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t"), i + 1 < end, Self.isDigit(b[i + 1]) {
      i += 1
      return
    }
    skipSpacesAndCommas()
    if wordIs("at") { skipSpaces() }
  }

  /// A trailing `(comment)` such as `(UTC)`, or nothing: true when the rest is consumed.
  mutating func skipTrailingComment() -> Bool {
    guard i < end else { return true }
    guard b[i] == UInt8(ascii: "("), b[end - 1] == UInt8(ascii: ")") else { return false }
    i = end
    return true
  }

  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
  @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }
  @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isLetter(c) ? c | 0x20 : c }
  @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
    c == 32 || c == 9 || c == 10 || c == 13 || c == 12 || c == 11
  }
}
