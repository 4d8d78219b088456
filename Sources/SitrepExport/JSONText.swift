/// A JSON value written with its keys in the order given, so that GeoJSON and
/// PLOVER output reads naturally and is byte-for-byte reproducible.
enum JSONText {
  case null
  case bool(Bool)
  case int(Int)
  /// A number rounded to `places` decimals, trailing zeros dropped.
  case number(Double, places: Int)
  case string(String)
  case array([JSONText])
  case object([(String, JSONText)])

  /// The value, or `null` when there is none.
  static func nullable(_ value: String?) -> JSONText { value.map { .string($0) } ?? .null }
  static func nullable(_ value: Int?) -> JSONText { value.map { .int($0) } ?? .null }
  static func nullable(_ value: Double?, places: Int) -> JSONText { value.map { .number($0, places: places) } ?? .null }

  /// The value as compact JSON text.
  var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let x, let places):
      if let s = fixedDecimal(x, places: places, trimZeros: true) { out += s } else { out += "null" }
    case .string(let s): JSONText.quote(s, into: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        JSONText.quote(key, into: &out)
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped.
  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    out += "\""
  }
}

/// `x` rounded half away from zero to `places` decimals, written without
/// exponent (`33.49`, `-0.5`, `38.6500` when zeros are kept); nil if not finite.
func fixedDecimal(_ x: Double, places: Int, trimZeros: Bool) -> String? {
  var factor = 1.0
  for _ in 0..<places { factor *= 10 }
  let scaled = (x * factor).rounded(.toNearestOrAwayFromZero)
  guard scaled.isFinite, abs(scaled) < 1e15 else { return nil }
  let n = Int(scaled)
  var digits = String(n.magnitude)
  if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
  var whole = String(digits.dropLast(places))
  var fraction = String(digits.suffix(places))
  if trimZeros {
    while fraction.hasSuffix("0") { fraction.removeLast() }
  }
  if n < 0 { whole = "-" + whole }
  return fraction.isEmpty ? whole : whole + "." + fraction
}
