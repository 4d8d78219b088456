/// RFC 4180 CSV records, as the ACLED export and `sitrep events --csv` write them.
public enum CSV {
  /// One CSV record with its CRLF.
  public static func line(_ fields: [String]) -> String {
    var out = ""
    for (i, field) in fields.enumerated() {
      if i > 0 { out += "," }
      out += escape(field)
    }
    return out + "\r\n"
  }

  /// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, and its quotes doubled.
  /// Works on scalars, so `\r\n` (one `Character`) and a quote with a combining mark are seen.
  public static func escape(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    var out = "\""
    for u in field.unicodeScalars {
      if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
    }
    return out + "\""
  }
}
