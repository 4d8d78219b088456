import Foundation

/// Counts by week (or by month, over more than three years) and type: a
/// stacked bar chart in SVG and the same numbers as a table.
extension ReportBuilder {
  struct Bucket {
    /// First day (day number) of the week or month.
    var start: Int
    var counts: [String: Int] = [:]
    var total: Int { counts.values.reduce(0, +) }
  }

  enum BucketKind {
    case week, month
  }

  /// Every week (or month) from the first dated event to the last, empty ones included.
  func buckets() -> (BucketKind, [Bucket]) {
    guard let first = dayCounts.keys.min(), let last = dayCounts.keys.max() else { return (.week, []) }
    let firstWeek = Days.weekStart(first)
    let weeks = (Days.weekStart(last) - firstWeek) / 7 + 1
    if weeks <= 156 {
      var out = (0..<weeks).map { Bucket(start: firstWeek + 7 * $0) }
      for (day, counts) in dayCounts {
        let i = (Days.weekStart(day) - firstWeek) / 7
        out[i].counts.merge(counts, uniquingKeysWith: +)
      }
      return (.week, out)
    }
    func monthIndex(_ day: Int) -> Int {
      let c = Days.civil(day)
      return c.year * 12 + c.month - 1
    }
    let m0 = monthIndex(first)
    var out = (m0...monthIndex(last)).map { Bucket(start: Days.fromCivil(year: $0 / 12, month: $0 % 12 + 1, day: 1)) }
    for (day, counts) in dayCounts {
      out[monthIndex(day) - m0].counts.merge(counts, uniquingKeysWith: +)
    }
    return (.month, out)
  }

  func timelineSection(_ context: RenderContext) -> String {
    let (kind, buckets) = buckets()
    let unit = kind == .week ? "week" : "month"
    var s = "<section class=\"timeline\">\n<h2>Events by \(unit) and type</h2>\n"
    guard !buckets.isEmpty else {
      s += "<p class=\"muted\">No event is dated to the day, so there is no timeline.</p>\n"
      if coarselyDated > 0 { s += coarseNote() }
      return s + "</section>\n"
    }
    s += legend(context)
    s += "<figure>\n" + chart(kind, buckets, context) + "<figcaption>"
    s += kind == .week ? "Weeks start on Monday (ISO 8601)." : "Over three years of events, so bars are months."
    s += " Hover a bar for its numbers.</figcaption>\n</figure>\n"
    if coarselyDated > 0 { s += coarseNote() }
    s += table(kind, buckets, context)
    return s + "</section>\n"
  }

  func coarseNote() -> String {
    "<p class=\"muted\">\(HTML.number(coarselyDated)) event\(coarselyDated == 1 ? " is" : "s are") dated only to a month or year "
      + "and \(coarselyDated == 1 ? "is" : "are") not in the chart.</p>\n"
  }

  func bucketLabel(_ kind: BucketKind, _ start: Int) -> String {
    kind == .week ? Days.iso(start) : String(Days.iso(start).prefix(7))
  }

  func chart(_ kind: BucketKind, _ buckets: [Bucket], _ context: RenderContext) -> String {
    let width = 960.0
    let height = 270.0
    let left = 46.0
    let right = 10.0
    let top = 12.0
    let bottom = 44.0
    let plotW = width - left - right
    let plotH = height - top - bottom
    let maxTotal = max(1, buckets.map(\.total).max() ?? 1)
    let step = Self.niceStep(Double(maxTotal) / 4)
    let yMax = (Double(maxTotal) / step).rounded(.up) * step
    func y(_ v: Double) -> Double { top + plotH - v / yMax * plotH }
    let slot = plotW / Double(buckets.count)
    let barW = slot >= 4 ? min(slot * 0.78, 56) : slot
    var s = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
    s += "aria-label=\"Stacked bar chart of events by \(kind == .week ? "week" : "month") and type\">\n"
    // grid and y axis
    var v = 0.0
    while v <= yMax + step / 2 {
      let yy = HTML.coord(y(v))
      s += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"\(v == 0 ? "#9aa4ad" : "#e6e9ec")\" stroke-width=\"1\"/>"
      s += "<text x=\"\(Int(left - 6))\" y=\"\(yy)\" dy=\"0.35em\" text-anchor=\"end\" font-size=\"11\" fill=\"#5d6873\">\(Self.tickLabel(v))</text>\n"
      v += step
    }
    // bars
    for (i, bucket) in buckets.enumerated() where bucket.total > 0 {
      let x = left + slot * Double(i) + (slot - barW) / 2
      var base = 0.0
      let label = bucketLabel(kind, bucket.start)
      for type in context.palette.types {
        guard let n = bucket.counts[type], n > 0 else { continue }
        let y1 = y(base + Double(n))
        let h = y(base) - y1
        s += "<rect x=\"\(HTML.coord(x))\" y=\"\(HTML.coord(y1))\" width=\"\(HTML.coord(barW))\" height=\"\(HTML.coord(h))\" "
        s += "fill=\"\(context.palette.color(type))\"><title>\(kind == .week ? "Week of " : "")\(label): "
        s += "\(HTML.escape(type)) \(n) of \(bucket.total)</title></rect>"
        base += Double(n)
      }
      s += "\n"
    }
    // x labels, spaced at least 64 units apart; the year under the first and at each new year
    let every = max(1, Int((64 / slot).rounded(.up)))
    var lastYear = -1
    for i in stride(from: 0, to: buckets.count, by: every) {
      let c = Days.civil(buckets[i].start)
      let x = HTML.coord(left + slot * (Double(i) + 0.5))
      let text = kind == .week ? "\(c.day) \(Days.monthNames[c.month - 1])" : Days.monthNames[c.month - 1]
      s += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(HTML.coord(top + plotH))\" y2=\"\(HTML.coord(top + plotH + 4))\" stroke=\"#9aa4ad\"/>"
      s += "<text x=\"\(x)\" y=\"\(HTML.coord(top + plotH + 17))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5d6873\">\(text)</text>"
      if c.year != lastYear {
        s += "<text x=\"\(x)\" y=\"\(HTML.coord(top + plotH + 31))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"#5d6873\">\(c.year)</text>"
        lastYear = c.year
      }
      s += "\n"
    }
    return s + "</svg>\n"
  }

  func table(_ kind: BucketKind, _ buckets: [Bucket], _ context: RenderContext) -> String {
    let types = context.palette.types
    var s = "<div class=\"tablebox\"><table class=\"counts\">\n<thead><tr><th>\(kind == .week ? "Week of" : "Month")</th>"
    for type in types {
      s += "<th class=\"num\"><span class=\"sw\" style=\"--c:\(context.palette.color(type))\"></span>\(HTML.escape(type))</th>"
    }
    s += "<th class=\"num\">Total</th></tr></thead>\n<tbody>\n"
    var totals: [String: Int] = [:]
    for bucket in buckets where bucket.total > 0 {
      s += "<tr><td class=\"date\">\(bucketLabel(kind, bucket.start))</td>"
      for type in types {
        let n = bucket.counts[type] ?? 0
        totals[type, default: 0] += n
        s += "<td class=\"num\">\(n == 0 ? "" : HTML.number(n))</td>"
      }
      s += "<td class=\"num\">\(HTML.number(bucket.total))</td></tr>\n"
    }
    s += "</tbody>\n<tfoot><tr><td>Total</td>"
    for type in types { s += "<td class=\"num\">\(HTML.number(totals[type] ?? 0))</td>" }
    s += "<td class=\"num\">\(HTML.number(totals.values.reduce(0, +)))</td></tr></tfoot>\n</table></div>\n"
    return s
  }

  /// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1: counts are whole).
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 1 else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw { return m * magnitude }
    return 10 * magnitude
  }

  static func tickLabel(_ v: Double) -> String {
    v >= 10_000 ? "\(HTML.number(Int(v / 1000)))k" : HTML.number(Int(v))
  }
}
