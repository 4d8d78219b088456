import SitrepLexicon
import SitrepModel

/// Finds time expressions and resolves them against the document's reference
/// date: the publication date, else the latest explicit date in the text —
/// never the clock.
///
/// Phase one (``find(in:)``) is pure pattern work on tokens; phase two
/// (``resolve(_:reference:)``) turns "Tuesday" or "last month" into dates.
/// Anaphora ("the same day") is left to the extractor, which knows which
/// incident "that day" refers to.
public struct DateAnnotator: Annotator {
  public let name = "sitrep.dates.v1"
  public let requires: Set<Layer> = [.tokens, .sentences]
  public let assigns: Set<Layer> = [.dates]
  let lexicon: Lexicon

  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  static let monthCues: Set<String> = [
    "in", "since", "early", "late", "mid", "last", "this", "of", "during", "until", "by", "from", "through", "next",
    "on", "before", "after", "between", "and", "to", "or",
  ]
  static let yearCues: Set<String> = [
    "in", "since", "of", "the", "a", "early", "late", "mid", "during", "until", "by", "from", "through", "before",
    "after", "between", "and", "to", "'",
  ]

  public func annotate(_ doc: inout Document) {
    var found = find(in: doc)
    let reference: FuzzyDate?
    if let p = doc.published {
      reference = FuzzyDate(year: p.year, month: p.month, day: p.day)
      doc.referenceSource = "publication date"
    } else {
      reference = found.compactMap { e -> FuzzyDate? in
        if case .absolute(let d) = e.value, d.precision == .day { return d }
        return nil
      }.max()
      doc.referenceSource = reference == nil ? nil : "latest explicit date in the text"
    }
    doc.referenceDate = reference
    for i in found.indices {
      (found[i].resolved, found[i].problem) = Self.resolve(found[i].value, reference: reference)
    }
    for (i, e) in found.enumerated() {
      doc.mentions.append(Mention(kind: .date, tokens: e.tokens, range: e.range, entry: doc.temporals.count + i, rule: e.rule))
    }
    doc.temporals += found
  }

  /// Phase one: the time expressions of the document, unresolved.
  public func find(in doc: Document) -> [TemporalExpression] {
    let t = doc.tokens
    var out: [TemporalExpression] = []
    func norm(_ i: Int) -> String { i >= 0 && i < t.count ? t.norms[i] : "" }
    func number(_ i: Int) -> Int? {
      guard i >= 0 && i < t.count, t.flags[i].contains(.number) else {
        // ordinals: 20th, 1st
        let n = norm(i)
        for suffix in ["st", "nd", "rd", "th"] where n.hasSuffix(suffix) {
          if let v = Int(n.dropLast(2)), t.flags[i].contains(.word) { return v }
        }
        return nil
      }
      return Int(t.norms[i])
    }
    func isYear(_ i: Int) -> Int? {
      guard let v = number(i), norm(i).count == 4, (1900...2100).contains(v) else { return nil }
      return v
    }
    func add(_ value: TemporalValue, _ r: Range<Int>, _ rule: String) {
      out.append(TemporalExpression(value: value, tokens: r, range: doc.range(tokens: r), rule: rule))
    }
    var i = 0
    while i < t.count {
      let f = t.flags[i]
      if f.contains(.furniture) {
        i += 1
        continue
      }
      let n = t.norms[i]
      // ISO 2021-10-20 and US 10/20/2021
      if let a = number(i), norm(i + 1) == "-" || norm(i + 1) == "/", let b = number(i + 2), norm(i + 3) == norm(i + 1),
        let c = number(i + 4)
      {
        if norm(i + 1) == "-" && norm(i).count == 4 && (1...12).contains(b) && (1...31).contains(c) {
          add(.absolute(FuzzyDate(year: a, month: b, day: c)), i..<(i + 5), "date.iso.v1")
          i += 5
          continue
        }
        if norm(i + 1) == "/" && (1...12).contains(a) && (1...31).contains(b) && (norm(i + 4).count == 4) {
          add(.absolute(FuzzyDate(year: c, month: a, day: b)), i..<(i + 5), "date.us-numeric.v1")
          i += 5
          continue
        }
      }
      // month names
      if let month = lexicon.months[n], f.contains(.capitalized) {
        var j = i + 1
        if norm(j) == "." { j += 1 }  // Oct.
        let ambiguous = n == "may" || n == "march" || n == "mar" || n == "jan" || n == "sun" || n == "sat"
        // Month Day [, Year]
        if let d = number(j), (1...31).contains(d), norm(j).count <= 4 {
          var k = j + 1
          if norm(k) == "," { k += 1 }
          if let y = isYear(k) {
            add(.absolute(FuzzyDate(year: y, month: month, day: d)), i..<(k + 1), "date.month-day-year.v1")
            i = k + 1
          } else {
            add(.monthDay(month: month, day: d), i..<(j + 1), "date.month-day.v1")
            i = j + 1
          }
          continue
        }
        // Day Month [Year]
        if let d = number(i - 1), (1...31).contains(d), norm(i - 1).count <= 4, !(out.last?.tokens.contains(i - 1) ?? false) {
          if let y = isYear(j) {
            add(.absolute(FuzzyDate(year: y, month: month, day: d)), (i - 1)..<(j + 1), "date.day-month-year.v1")
            i = j + 1
          } else {
            add(.monthDay(month: month, day: d), (i - 1)..<(i + 1), "date.day-month.v1")
            i += 1
          }
          continue
        }
        // Month Year
        if let y = isYear(j) ?? (norm(j) == "," ? isYear(j + 1) : nil) {
          let end = isYear(j) != nil ? j + 1 : j + 2
          add(.absolute(FuzzyDate(year: y, month: month)), i..<end, "date.month-year.v1")
          i = end
          continue
        }
        // a month alone, after a preposition or "early/late/mid"
        let prev = norm(i - 1) == "-" ? norm(i - 2) : norm(i - 1)
        if Self.monthCues.contains(prev) && !(ambiguous && !["in", "since", "early", "late", "mid", "last", "of", "during", "until"].contains(prev)) {
          let start = ["early", "late", "mid", "last", "this"].contains(prev) ? (norm(i - 1) == "-" ? i - 2 : i - 1) : i
          if prev == "last" {
            add(.relativeMonths(-100 - month), start..<(i + 1), "date.last-month-name.v1")
          } else {
            add(.month(month), start..<(i + 1), "date.month.v1")
          }
          i += 1
          continue
        }
      }
      // weekdays
      if let w = lexicon.weekdays[n], f.contains(.capitalized) || f.contains(.word) && norm(i - 1) == "on" {
        let last = norm(i - 1) == "last"
        let start = last || norm(i - 1) == "this" ? i - 1 : i
        add(.weekday(w, last: last), start..<(i + 1), "date.weekday.v1")
        i += 1
        continue
      }
      // years
      if let y = isYear(i), Self.yearCues.contains(norm(i - 1)) || (i + 1 < t.count && t.flags[i + 1].contains(.word) && !t.flags[i + 1].contains(.number) && norm(i - 1) != "about") {
        // not "2,500 troops" (already excluded by the comma) nor a count like "1900 people"
        if !["people", "troops", "soldiers", "fighters", "civilians", "men", "members", "tonnes", "tons", "barrels"].contains(norm(i + 1)) {
          add(.absolute(FuzzyDate(year: y)), i..<(i + 1), "date.year.v1")
          i += 1
          continue
        }
      }
      // relative expressions
      switch n {
      case "today", "tonight":
        add(.relativeDays(0), i..<(i + 1), "date.today.v1")
      case "yesterday":
        add(.relativeDays(-1), i..<(i + 1), "date.yesterday.v1")
      case "last", "this", "earlier", "next", "past":
        var j = i + 1
        if n == "earlier" && norm(j) == "this" { j += 1 }
        let unit = norm(j)
        let sign = n == "last" || n == "past" ? -1 : n == "next" ? 1 : 0
        switch unit {
        case "month": add(.relativeMonths(sign), i..<(j + 1), "date.relative-month.v1"); i = j + 1; continue
        case "year": add(.relativeYears(sign), i..<(j + 1), "date.relative-year.v1"); i = j + 1; continue
        case "week": add(.relativeWeeks(sign), i..<(j + 1), "date.relative-week.v1"); i = j + 1; continue
        case "night" where n == "last": add(.relativeDays(-1), i..<(j + 1), "date.last-night.v1"); i = j + 1; continue
        default: break
        }
      case "same", "that":
        // "the same day", "that day", "that same day"
        var j = i + 1
        if n == "that" && norm(j) == "same" { j += 1 }
        if norm(j) == "day" && (n == "same" ? norm(i - 1) == "the" || norm(i - 1) == "that" : true) {
          add(.sameDayAsContext(offset: 0), (n == "same" ? i - 1 : i)..<(j + 1), "date.same-day.v1")
          i = j + 1
          continue
        }
      case "hours", "minutes", "moments":
        // "hours before the attack", "hours earlier", "minutes later"
        if ["before", "after", "earlier", "later"].contains(norm(i + 1)) {
          add(.sameDayAsContext(offset: 0), i..<(i + 2), "date.hours-around.v1")
          i += 2
          continue
        }
      case "following", "next":
        if norm(i + 1) == "day" && norm(i - 1) == "the" {
          add(.sameDayAsContext(offset: 1), (i - 1)..<(i + 2), "date.next-day.v1")
          i += 2
          continue
        }
      default:
        break
      }
      i += 1
    }
    return out
  }

  /// Phase two: a date for the expression, given the reference date.
  /// - Returns: the date, or nil with the reason (no reference date, an impossible day).
  public static func resolve(_ value: TemporalValue, reference: FuzzyDate?) -> (FuzzyDate?, String?) {
    switch value {
    case .absolute(let d):
      if let m = d.month, let day = d.day, !PublicationDate.isValid(year: d.year, month: m, day: day) {
        return (nil, "\(d.iso) is not a calendar day")
      }
      return (d, nil)
    case .sameDayAsContext:
      return (nil, nil)
    default:
      break
    }
    guard let ref = reference, let rm = ref.month else {
      return (nil, "relative date without a publication date or an explicit date in the text")
    }
    let rd = ref.day ?? PublicationDate.daysIn(month: rm, year: ref.year)
    let refDay = FuzzyDate.dayNumber(ref.year, rm, rd)
    switch value {
    case .monthDay(let m, let d):
      // the most recent such day not after the reference
      var y = ref.year
      if (m, d) > (rm, rd) { y -= 1 }
      guard PublicationDate.isValid(year: y, month: m, day: d) else {
        return (nil, "month \(m) has no day \(d)")
      }
      return (FuzzyDate(year: y, month: m, day: d), nil)
    case .month(let m):
      return (FuzzyDate(year: m > rm ? ref.year - 1 : ref.year, month: m), nil)
    case .weekday(let w, let last):
      var back = (FuzzyDate.weekday(refDay) - w + 7) % 7
      if last && back == 0 { back = 7 }
      return (FuzzyDate(dayNumber: refDay - back), nil)
    case .relativeDays(let n):
      return (FuzzyDate(dayNumber: refDay + n), nil)
    case .relativeWeeks(let n):
      // a week is known to the month only
      let c = FuzzyDate.civil(refDay + 7 * n)
      return (FuzzyDate(year: c.year, month: c.month), nil)
    case .relativeMonths(let n):
      if n <= -100 {
        // "last July": the most recent July strictly before the reference month
        let m = -n - 100
        return (FuzzyDate(year: m >= rm ? ref.year - 1 : ref.year, month: m), nil)
      }
      let total = ref.year * 12 + (rm - 1) + n
      return (FuzzyDate(year: total / 12, month: total % 12 + 1), nil)
    case .relativeYears(let n):
      return (FuzzyDate(year: ref.year + n), nil)
    case .absolute, .sameDayAsContext:
      return (nil, nil)
    }
  }
}
