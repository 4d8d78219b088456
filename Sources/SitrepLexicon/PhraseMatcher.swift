import SitrepModel
import SitrepText

/// Matches many phrases at once over a document's tokens with a trie keyed
/// by token keys (spaCy's PhraseMatcher idea): one pass, longest match wins.
///
/// Joiners (hyphens, apostrophes) are skipped on both sides, so "Iran-backed"
/// and "Iran backed" meet; a `Key` function decides what counts as equal
/// (the folded form, or a looser skeleton for place names).
public struct PhraseMatcher: Sendable {
  /// How tokens are compared.
  public enum Key: Sendable {
    /// The token's folded form.
    case norm
    /// A consonant skeleton, with name articles (al-, el-, …) skipped.
    case loose
  }

  struct Node: Sendable {
    var children: [String: Int32] = [:]
    var payloads: [Int32] = []
  }

  var nodes: [Node] = [Node()]
  public let key: Key
  let articles: Set<String>

  public init(key: Key, articles: Set<String> = []) {
    self.key = key
    self.articles = articles
  }

  /// Adds a phrase; `payload` comes back with each match.
  public mutating func add(_ phrase: String, payload: Int) {
    let keys = Self.keys(of: phrase, key: key, articles: articles)
    guard !keys.isEmpty else { return }
    var node = 0
    for k in keys {
      if let next = nodes[node].children[k] {
        node = Int(next)
      } else {
        nodes.append(Node())
        nodes[node].children[k] = Int32(nodes.count - 1)
        node = nodes.count - 1
      }
    }
    if !nodes[node].payloads.contains(Int32(payload)) { nodes[node].payloads.append(Int32(payload)) }
  }

  /// The payloads of phrases equal to the whole of `phrase` (as keys: case,
  /// accents and a leading "the" do not matter).
  public func lookup(_ phrase: String) -> [Int] {
    var node = 0
    let keys = Self.keys(of: phrase, key: key, articles: articles)
    guard !keys.isEmpty else { return [] }
    for k in keys {
      guard let next = nodes[node].children[k] else { return [] }
      node = Int(next)
    }
    return nodes[node].payloads.map(Int.init)
  }

  /// The keys a phrase is stored under.
  static func keys(of phrase: String, key: Key, articles: Set<String>) -> [String] {
    var doc = Document(id: "", text: phrase, published: nil)
    Tokenizer().tokenize(&doc)
    var out: [String] = []
    // a leading "the" is not part of a name ("The Jerusalem Post" is found as "Jerusalem Post")
    let first = doc.tokens.count > 1 && doc.tokens.norms[0] == "the" ? 1 : 0
    for i in first..<doc.tokens.count {
      let f = doc.tokens.flags[i]
      if f.contains(.joiner) { continue }
      let norm = doc.tokens.norms[i]
      switch key {
      case .norm: out.append(norm)
      case .loose:
        if articles.contains(norm) && i + 1 < doc.tokens.count { continue }
        if f.contains(.punctuation) { out.append(norm) } else { out.append(skeleton(norm)) }
      }
    }
    return out
  }

  /// Consonant skeleton of a folded word: first letter kept (a vowel becomes
  /// `a`), later vowels and w/y dropped, q → k, runs collapsed.
  /// "deir" "dayr" → "ad"? no: "d" + "r" = "dr"; "zour" "zor" "zawr" → "zr".
  public static func skeleton(_ word: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(word.utf8.count)
    var first = true
    for var b in word.utf8 {
      if b == 113 { b = 107 }  // q -> k
      let vowel = b == 97 || b == 101 || b == 105 || b == 111 || b == 117 || b == 121 || b == 119
      if first {
        out.append(vowel ? 97 : b)
        first = false
        continue
      }
      if vowel { continue }
      if out.last == b { continue }
      out.append(b)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A match: tokens `range` carry these payloads.
  public struct Match: Sendable {
    public var tokens: Range<Int>
    public var payloads: [Int]
  }

  /// All longest, non-overlapping matches, left to right.
  /// - Parameter accept: called with the first content token of a candidate
  ///   match; return false to refuse matches starting there.
  public func matches(in doc: Document, accept: (Int) -> Bool = { _ in true }) -> [Match] {
    let t = doc.tokens
    var result: [Match] = []
    var i = 0
    let n = t.count
    var keyCache = [String?](repeating: nil, count: key == .loose ? n : 0)
    func keyAt(_ j: Int) -> String {
      switch key {
      case .norm: return t.norms[j]
      case .loose:
        if let k = keyCache[j] { return k }
        let k = t.flags[j].contains(.punctuation) ? t.norms[j] : Self.skeleton(t.norms[j])
        keyCache[j] = k
        return k
      }
    }
    while i < n {
      let f = t.flags[i]
      if f.contains(.joiner) || f.contains(.furniture) {
        i += 1
        continue
      }
      var start = i
      // skip a leading article for loose keys ("al-Tanf"), but keep it in the span
      var j = i
      if key == .loose && articles.contains(t.norms[i]) {
        j = i + 1
        while j < n && t.flags[j].contains(.joiner) { j += 1 }
      }
      guard j < n, accept(j) else {
        i += 1
        continue
      }
      var node = 0
      var best: (end: Int, payloads: [Int32])?
      var k = j
      while k < n {
        let fk = t.flags[k]
        if fk.contains(.joiner) {
          k += 1
          continue
        }
        if fk.contains(.furniture) { break }
        // inside a name, a line break ends it
        if k > j && fk.contains(.newlineBefore) { break }
        if key == .loose && k > j && articles.contains(t.norms[k]) {
          k += 1
          continue
        }
        guard let next = nodes[node].children[keyAt(k)] else { break }
        node = Int(next)
        if !nodes[node].payloads.isEmpty { best = (k + 1, nodes[node].payloads) }
        k += 1
      }
      if let best {
        if key == .norm { start = i }
        result.append(Match(tokens: start..<best.end, payloads: best.payloads.map(Int.init)))
        i = best.end
      } else {
        i += 1
      }
    }
    return result
  }
}
