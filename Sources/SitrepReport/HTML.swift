/// Escaping for text and attribute values: everything from events and
/// articles goes through here, so an article holding `<script>` stays text.
enum HTML {
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `url` when it is an absolute http(s) URL with nothing a browser would
  /// treat as markup; nil otherwise (`javascript:` and friends are never linked).
  static func safeLink(_ url: String?) -> String? {
    guard let url = url?.trimmingWhitespace, !url.isEmpty else { return nil }
    let lower = url.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
    guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\u{7F}" }) else { return nil }
    return url
  }

  /// A number with thousands separators (`12,345`), independent of locale.
  static func number(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// `v` with at most one decimal, no trailing `.0` (SVG coordinates).
  static func coord(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(r)
  }
}

extension String {
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// One colour per ACLED event type, the same in the chart, the map and the list.
struct Palette: Sendable {
  static let acled = [
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
  ]
  static let acledColors = ["#c0392b", "#ee8a1b", "#8e44ad", "#2e9e5b", "#8d5a3b", "#2b7bb9"]
  static let otherColors = ["#6c7a89", "#b8a00f", "#16a3a3", "#d35d8e"]

  /// The types in display order: ACLED's order, then any others by name.
  let types: [String]
  let colors: [String: String]

  init(present: some Sequence<String>) {
    let set = Set(present)
    var types = Self.acled.filter(set.contains)
    types += set.subtracting(Self.acled).sorted()
    var colors: [String: String] = [:]
    var other = 0
    for t in types {
      if let i = Self.acled.firstIndex(of: t) {
        colors[t] = Self.acledColors[i]
      } else {
        colors[t] = Self.otherColors[other % Self.otherColors.count]
        other += 1
      }
    }
    self.types = types
    self.colors = colors
  }

  func color(_ type: String) -> String { colors[type] ?? "#6c7a89" }
}
