import Foundation
import SitrepModel

/// Finds page furniture in an article's text: "Read more:" lines, "Check
/// Also" teasers, social-media embeds, share and subscribe lines, captions.
///
/// The rules are data (`Resources/rules/furniture.tsv`), loaded and compiled
/// once; ``detect(in:)`` is pure and thread-safe.
///
/// - Complexity: O(n) in the text's length; regex rules run only on lines
///   that contain their guard substring.
public struct FurnitureDetector: Sendable {
  enum Match: String, Sendable { case prefix, equals, contains, suffix, regex }

  struct Rule: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and
    // documented as thread-safe for matching.
    var id: String
    var kind: String
    var match: Match
    var pattern: [UInt8]  // folded, for the literal kinds
    var regex: NSRegularExpression?
    var guardBytes: [UInt8]
    var following: Int
    var maxLength: Int
    var matchOnly: Bool
  }

  let rules: [Rule]

  /// Loads the rules shipped with Sitrep.
  public static func bundled() throws -> FurnitureDetector {
    guard let url = Bundle.module.url(forResource: "furniture", withExtension: "tsv", subdirectory: "Resources/rules")
      ?? Bundle.module.url(forResource: "furniture", withExtension: "tsv")
    else {
      throw SitrepError(.notFound, "the bundled furniture rules (Resources/rules/furniture.tsv) are missing from this build")
    }
    return try FurnitureDetector(contentsOf: url)
  }

  public init(contentsOf url: URL) throws {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw SitrepError(.unreadable, "cannot read furniture rules: \(error.localizedDescription)", at: url.path)
    }
    try self.init(tsv: String(decoding: data, as: UTF8.self), file: url.lastPathComponent)
  }

  /// Parses the TSV rule format documented at the top of `furniture.tsv`.
  /// - Throws: ``SitrepError`` naming `file:line` for a malformed rule.
  public init(tsv: String, file: String = "furniture.tsv") throws {
    var rules: [Rule] = []
    var seen = Set<String>()
    for (index, rawLine) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.isEmpty || line.hasPrefix("#") { continue }
      let where_ = "\(file):\(index + 1)"
      let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cols.count == 8 else {
        throw SitrepError(.malformed, "expected 8 tab-separated columns, found \(cols.count)", at: where_)
      }
      guard let match = Match(rawValue: cols[2]) else {
        throw SitrepError(.malformed, "unknown match '\(cols[2])' (prefix, equals, contains, suffix, regex)", at: where_)
      }
      guard !seen.contains(cols[0]) else {
        throw SitrepError(.malformed, "duplicate rule id \(cols[0])", at: where_)
      }
      seen.insert(cols[0])
      guard let following = Int(cols[5]), let maxLength = Int(cols[6]), following >= 0, maxLength >= 0 else {
        throw SitrepError(.malformed, "following and max_length must be whole numbers", at: where_)
      }
      guard cols[7] == "line" || cols[7] == "match" else {
        throw SitrepError(.malformed, "span must be 'line' or 'match'", at: where_)
      }
      var regex: NSRegularExpression?
      if match == .regex {
        do {
          regex = try NSRegularExpression(pattern: cols[3], options: [.caseInsensitive, .anchorsMatchLines])
        } catch {
          throw SitrepError(.malformed, "invalid regular expression: \(cols[3])", at: where_)
        }
      }
      rules.append(
        Rule(
          id: cols[0], kind: cols[1], match: match, pattern: Self.fold(Array(cols[3].utf8)), regex: regex,
          guardBytes: Self.fold(Array(cols[4].utf8)), following: following, maxLength: maxLength,
          matchOnly: cols[7] == "match"))
    }
    self.rules = rules
  }

  /// The furniture spans of `text`, in order, not overlapping.
  public func detect(in text: String) -> [FurnitureSpan] {
    var spans: [FurnitureSpan] = []
    var bytes = text
    bytes.withUTF8 { buf in
      spans = detect(bytes: buf, text: text)
    }
    return spans
  }

  private func detect(bytes: UnsafeBufferPointer<UInt8>, text: String) -> [FurnitureSpan] {
    var spans: [FurnitureSpan] = []
    var folded: [UInt8] = []
    folded.reserveCapacity(512)
    var pendingFollow = 0
    var pendingRule: Rule?
    var lineStart = 0
    let n = bytes.count
    while lineStart <= n {
      var lineEnd = lineStart
      while lineEnd < n && bytes[lineEnd] != 10 { lineEnd += 1 }
      // trim
      var a = lineStart
      var b = lineEnd
      while a < b && Self.isSpace(bytes[a]) { a += 1 }
      while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
      if a < b {
        if pendingFollow > 0, let rule = pendingRule {
          spans.append(FurnitureSpan(range: TextRange(a..<b), kind: rule.kind, rule: rule.id))
          pendingFollow -= 1
        } else {
          folded.removeAll(keepingCapacity: true)
          for i in a..<b { folded.append(Self.foldByte(bytes[i])) }
          if let (rule, range) = firstMatch(folded: folded, lineStart: lineStart, a: a, b: b, text: text, bytes: bytes) {
            spans.append(FurnitureSpan(range: range, kind: rule.kind, rule: rule.id))
            pendingFollow = rule.following
            pendingRule = rule
          }
        }
      }
      lineStart = lineEnd + 1
    }
    return spans
  }

  private func firstMatch(
    folded: [UInt8], lineStart: Int, a: Int, b: Int, text: String, bytes: UnsafeBufferPointer<UInt8>
  ) -> (Rule, TextRange)? {
    let length = b - a
    for rule in rules {
      if rule.maxLength > 0 && length > rule.maxLength { continue }
      let line = TextRange(a..<b)
      switch rule.match {
      case .prefix:
        if folded.starts(with: rule.pattern) { return (rule, line) }
      case .equals:
        if Self.equalsIgnoringTrailingPunctuation(folded, rule.pattern) { return (rule, line) }
      case .suffix:
        if folded.count >= rule.pattern.count && folded.suffix(rule.pattern.count).elementsEqual(rule.pattern) {
          return (rule, line)
        }
      case .contains:
        if Self.contains(folded, rule.pattern) { return (rule, line) }
      case .regex:
        guard let regex = rule.regex else { continue }
        if !rule.guardBytes.isEmpty && !Self.contains(folded, rule.guardBytes) { continue }
        // run on the untrimmed line so `^\s*` rules can see leading space
        let lineRange = TextRange(lineStart..<b)
        let lineText = String(text[utf8: lineRange])
        let ns = lineText as NSString
        guard let m = regex.firstMatch(in: lineText, range: NSRange(location: 0, length: ns.length)) else {
          continue
        }
        if rule.matchOnly {
          let prefix = ns.substring(to: m.range.location)
          let matched = ns.substring(with: m.range)
          let start = lineStart + prefix.utf8.count
          return (rule, TextRange(start..<(start + matched.utf8.count)))
        }
        return (rule, line)
      }
    }
    return nil
  }

  @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 11 || c == 12 }

  @inline(__always) static func foldByte(_ c: UInt8) -> UInt8 { (65...90).contains(c) ? c + 32 : c }

  static func fold(_ bytes: [UInt8]) -> [UInt8] { bytes.map(foldByte) }

  static func equalsIgnoringTrailingPunctuation(_ line: [UInt8], _ pattern: [UInt8]) -> Bool {
    var end = line.count
    while end > 0, [UInt8(58), 46, 33, 45, 62].contains(line[end - 1]) || isSpace(line[end - 1]) { end -= 1 }
    return end == pattern.count && line[0..<end].elementsEqual(pattern)
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    let first = needle[0]
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
  }
}
