import Foundation
import SitrepModel

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one ``Article`` per item or entry.
///
/// Item bodies (`content:encoded`, else `description`; Atom `content`, else
/// `summary`) are usually HTML and become text by the same rules as an HTML
/// page. The article id is the item's `guid` or Atom `id`, else its link,
/// else `<file name>#<item number>`; the outlet is the channel or feed title.
///
/// Entity declarations are refused before parsing (a "billion laughs" file
/// is never expanded) and external entities are never resolved.
///
/// ```swift
/// let result = FeedReader.read(bytes, origin: "feeds/agency.xml")
/// result.articles.map(\.id)  // ["urn:agency:1041", ...]
/// ```
///
/// - Complexity: O(n) in the feed size.
public enum FeedReader {
  /// How far into the file the root element is looked for.
  static let sniffLimit = 8192

  /// Whether the bytes are an RSS, RDF or Atom feed: the root element (after
  /// an XML declaration, comments, processing instructions and a DOCTYPE,
  /// within the first few KB) is `rss`, `feed` or `rdf:RDF`.
  public static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
    guard let root = Prolog.scan(bytes, limit: sniffLimit).rootName else { return false }
    return FeedKind(rootName: root) != nil
  }

  /// Reads every item of the feed in `bytes`, found at `origin`.
  ///
  /// - Returns: the articles; warnings for items without text and for
  ///   unparseable dates; a skipped error (and no articles) for a document
  ///   that declares entities (``SitrepError/Code/entityExpansion``), is not a
  ///   feed (``SitrepError/Code/notAFeed``), or is empty. Malformed XML gives a
  ///   skipped ``SitrepError/Code/malformed`` error with its line, and keeps
  ///   the items completed before the error.
  public static func read(_ bytes: [UInt8], origin: String) -> ReadResult {
    var result = ReadResult()
    let prolog = Prolog.scan(bytes, limit: nil)
    if prolog.declaresEntities {
      result.skipped.append(entityError(origin))
      return result
    }
    if let encoding = prolog.unsupportedEncoding {
      // An encoding the byte scan cannot read could hide an entity declaration.
      result.skipped.append(
        SitrepError(.unsupported, "XML encoding '\(encoding)' is not supported (use UTF-8, UTF-16 or Latin-1)", at: origin))
      return result
    }
    if prolog.isBlank {
      result.skipped.append(SitrepError(.empty, "the feed file is empty", at: origin))
      return result
    }
    let handler = FeedParserDelegate()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.delegate = handler
    _ = parser.parse()
    let parserError = parser.parserError
    parser.delegate = nil

    if handler.refusedEntities {
      result.skipped.append(entityError(origin))
      return result
    }
    if let root = handler.notAFeedRoot {
      result.skipped.append(
        SitrepError(.notAFeed, "XML root element is <\(root)>, not an RSS or Atom feed", at: origin))
      return result
    }
    if let error = handler.error ?? parserError {
      let line = handler.errorLine ?? parser.lineNumber
      result.skipped.append(
        SitrepError(.malformed, "malformed XML at line \(line): \(describe(error))", at: "\(origin):\(line)"))
    }

    let fileName = (origin as NSString).lastPathComponent
    let outlet = handler.feedTitle?.singleLine()
    for (index, item) in handler.items.enumerated() {
      let number = index + 1
      guard let text = item.text() else {
        result.warnings.append("\(origin): item \(number) has no text")
        continue
      }
      let id = item.identifier ?? "\(fileName)#\(number)"
      var article = Article(id: id, text: text, origin: "\(origin):\(item.line)")
      article.title = item.titleText()
      article.url = item.url
      article.outlet = outlet
      let dates = item.dateCandidates
      if !dates.isEmpty {
        if let date = dates.lazy.compactMap({ PublicationDateParser.parse($0) }).first {
          article.published = date
        } else {
          result.warnings.append("\(origin): item \(number): unparseable publication date '\(dates[0].prefix(80))'")
        }
      }
      result.articles.append(article)
    }
    return result
  }

  static func entityError(_ origin: String) -> SitrepError {
    SitrepError(.entityExpansion, "XML declares entities (possible entity-expansion attack); refused", at: origin)
  }

  /// A short description of an XMLParser error (its code is libxml2's).
  static func describe(_ error: any Error) -> String {
    let ns = error as NSError
    if let known = errorMessages[ns.code] { return known }
    if let message = ns.userInfo[NSLocalizedDescriptionKey] as? String, !message.isEmpty {
      return message.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return "XML parser error \(ns.code)"
  }

  /// libxml2's commonest well-formedness errors (`xmlParserErrors`), in words.
  static let errorMessages: [Int: String] = [
    3: "document does not start like XML",
    4: "document is empty or does not start with an element",
    5: "extra content after the root element",
    9: "invalid character",
    23: "entity reference without ';'",
    26: "undeclared entity",
    32: "unsupported encoding",
    34: "unterminated string",
    38: "'<' inside an attribute value",
    39: "attribute value not quoted",
    41: "attribute without a value",
    68: "element name expected",
    73: "'>' expected",
    74: "'</' expected",
    75: "'=' expected after an attribute name",
    76: "closing tag does not match the open element",
    77: "document ends before its elements are closed",
    81: "invalid bytes for the document's encoding",
  ]
}

/// The feed dialect, from the root element.
enum FeedKind {
  case rss, atom, rdf

  init?(rootName: String) {
    let local = rootName.split(separator: ":").last.map(String.init) ?? rootName
    switch local {
    case "rss", "RSS": self = .rss
    case "feed": self = .atom
    case "RDF": self = .rdf
    default: return nil
    }
  }
}

// MARK: - Prolog scanning

/// What the bytes before the root element say: the root's name, and whether
/// a DOCTYPE internal subset declares entities.
///
/// A byte-level scan, so an entity bomb is refused before any parser sees it.
struct Prolog {
  var rootName: String?
  var declaresEntities = false
  var isBlank = false
  /// The XML declaration's encoding, when it is not one the scan can read as ASCII.
  var unsupportedEncoding: String?

  /// Encodings whose markup is ASCII (or UTF-16/32, checked separately), lowercase.
  static let readableEncodings: Set<String> = [
    "utf-8", "utf8", "us-ascii", "ascii", "latin1", "latin-1", "utf-16", "utf-16le", "utf-16be", "utf-32",
    "ucs-2", "ucs-4",
  ]

  static func isReadable(encoding: String) -> Bool {
    let e = encoding.lowercased()
    return readableEncodings.contains(e) || e.hasPrefix("iso-8859-") || e.hasPrefix("iso8859-")
      || e.hasPrefix("windows-125") || e.hasPrefix("cp125") || e.hasPrefix("koi8-")
  }

  /// The value of `encoding="..."` in an XML declaration.
  static func declaredEncoding(_ decl: ArraySlice<UInt8>) -> String? {
    let needle = Array("encoding".utf8)
    guard decl.count > needle.count else { return nil }
    var k = decl.startIndex
    while k + needle.count <= decl.endIndex {
      if decl[k..<(k + needle.count)].elementsEqual(needle) {
        var j = k + needle.count
        while j < decl.endIndex, decl[j] == 32 || decl[j] == 61 || decl[j] == 9 { j += 1 }
        guard j < decl.endIndex, decl[j] == 34 || decl[j] == 39 else { return nil }
        let quote = decl[j]
        let start = j + 1
        var end = start
        while end < decl.endIndex, decl[end] != quote { end += 1 }
        return String(decoding: decl[start..<end], as: UTF8.self)
      }
      k += 1
    }
    return nil
  }

  /// Scans `bytes` up to the root element (or `limit` bytes).
  static func scan(_ bytes: [UInt8], limit: Int?) -> Prolog {
    var p = Prolog()
    let n = min(bytes.count, limit ?? bytes.count)
    var i = 0
    // A UTF-8 byte-order mark.
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    // UTF-16/32 text is not ASCII-compatible: look for the declaration in it
    // as text (the parser's entity-declaration callback is the second guard).
    if n >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)
      || (bytes[0] == 0 || bytes[1] == 0)
    {
      p.declaresEntities = wideTextDeclaresEntities(bytes)
      return p
    }
    func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
    func starts(_ s: StaticString, at k: Int) -> Bool {
      s.withUTF8Buffer { w in
        guard k + w.count <= n else { return false }
        for j in 0..<w.count where bytes[k + j] | (w[j] &- 97 < 26 ? 0x20 : 0) != w[j] { return false }
        return true
      }
    }
    /// Index just past `terminator` (searched from k), or n.
    func skip(past terminator: StaticString, from k: Int) -> Int {
      var j = k
      while j < n {
        if starts(terminator, at: j) { return j + terminator.utf8CodeUnitCount }
        j += 1
      }
      return n
    }
    while i < n {
      let c = bytes[i]
      if isSpace(c) {
        i += 1
        continue
      }
      guard c == UInt8(ascii: "<") else { return p }  // text before the root: not XML we know
      if starts("<?", at: i) {
        let end = skip(past: "?>", from: i + 2)
        if starts("<?xml", at: i), let encoding = declaredEncoding(bytes[i..<end]), !isReadable(encoding: encoding) {
          p.unsupportedEncoding = encoding
          return p
        }
        i = end
      } else if starts("<!--", at: i) {
        i = skip(past: "-->", from: i + 4)
      } else if starts("<!doctype", at: i) {
        i += 9
        // External id, then maybe an internal subset in brackets.
        var quote: UInt8 = 0
        while i < n {
          let d = bytes[i]
          if quote != 0 {
            if d == quote { quote = 0 }
            i += 1
          } else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") {
            quote = d
            i += 1
          } else if d == UInt8(ascii: ">") {
            i += 1
            break
          } else if d == UInt8(ascii: "[") {
            i += 1
            // Internal subset: any declaration of an entity is refused.
            while i < n {
              let e = bytes[i]
              if quote != 0 {
                if e == quote { quote = 0 }
                i += 1
              } else if e == UInt8(ascii: "\"") || e == UInt8(ascii: "'") {
                quote = e
                i += 1
              } else if starts("<!--", at: i) {
                i = skip(past: "-->", from: i + 4)
              } else if starts("<!entity", at: i) {
                p.declaresEntities = true
                return p
              } else if e == UInt8(ascii: "]") {
                i += 1
                break
              } else {
                i += 1
              }
            }
          } else {
            i += 1
          }
        }
      } else if starts("<!", at: i) {
        // Some other declaration before the root: malformed, leave it to the parser.
        return p
      } else {
        var j = i + 1
        while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
        if j > i + 1 { p.rootName = String(decoding: bytes[(i + 1)..<j], as: UTF8.self) }
        return p
      }
    }
    p.isBlank = i >= bytes.count && p.rootName == nil
    return p
  }

  /// Whether UTF-16 or UTF-32 text contains `<!ENTITY` (any case).
  static func wideTextDeclaresEntities(_ bytes: [UInt8]) -> Bool {
    // Drop the NUL bytes: ASCII markup then reads as ASCII.
    var narrow: [UInt8] = []
    narrow.reserveCapacity(bytes.count / 2)
    for c in bytes where c != 0 { narrow.append(c | (c &- 65 < 26 ? 0x20 : 0)) }
    let needle = Array("<!entity".utf8)
    guard narrow.count >= needle.count else { return false }
    for k in 0...(narrow.count - needle.count) where narrow[k] == needle[0] {
      if narrow[k..<(k + needle.count)].elementsEqual(needle) { return true }
    }
    return false
  }
}

// MARK: - Items

/// One feed item as read, before it becomes an article.
struct FeedItem {
  /// How a field's text is to be read.
  enum Format {
    /// Plain text (Atom `type="text"`).
    case text
    /// HTML source (RSS bodies, Atom `type="html"` and `type="xhtml"`).
    case html
    /// RSS titles: HTML only if it looks like it.
    case unknown
  }

  struct Field {
    var text: String
    var format: Format

    /// The field as visible text (lines), nil when empty.
    func visibleText() -> String? {
      let bytes = Array(text.utf8)
      let result: String
      switch format {
      case .text: result = HTMLReader.plainText(bytes)
      case .html: result = HTMLReader.visibleText(fromHTML: bytes)
      case .unknown:
        let markup = bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&"))
        result = markup ? HTMLReader.visibleText(fromHTML: bytes) : HTMLReader.plainText(bytes)
      }
      return result.isEmpty ? nil : result
    }

    /// The field on one line (titles).
    func singleLine() -> String? {
      guard let text = visibleText() else { return nil }
      guard text.utf8.contains(10) else { return text }
      return String(decoding: text.utf8.map { $0 == 10 ? 32 : $0 }, as: UTF8.self)
    }
  }

  var line: Int
  var title: Field?
  var link: String?
  var atomLinks: [(href: String, rel: String?)] = []
  var guid: String?
  var guidIsPermaLink = true
  var atomID: String?
  var rdfAbout: String?
  var pubDate: String?
  var dcDate: String?
  var published: String?
  var updated: String?
  var contentEncoded: Field?
  var description: Field?
  var content: Field?
  var summary: Field?

  /// The body text: `content:encoded` > `description` (RSS), `content` > `summary` (Atom).
  func text() -> String? {
    for field in [contentEncoded, content, description, summary] {
      if let text = field?.visibleText() { return text }
    }
    return nil
  }

  func titleText() -> String? { title?.singleLine() }

  /// The item's own identifier: guid, Atom id, RDF about, else its link.
  var identifier: String? {
    nonEmpty(guid) ?? nonEmpty(atomID) ?? nonEmpty(rdfAbout) ?? url
  }

  /// The item's web address.
  var url: String? {
    if let link = nonEmpty(link) { return link }
    if let alternate = atomLinks.first(where: { $0.rel == nil || $0.rel == "alternate" }) {
      return nonEmpty(alternate.href)
    }
    if let first = atomLinks.first { return nonEmpty(first.href) }
    if guidIsPermaLink, let guid = nonEmpty(guid), guid.hasPrefix("http://") || guid.hasPrefix("https://") {
      return guid
    }
    return nil
  }

  /// Publication dates the item gives, most trusted first.
  var dateCandidates: [String] {
    [pubDate, published, dcDate, updated].compactMap { nonEmpty($0) }
  }

  func nonEmpty(_ s: String?) -> String? {
    guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
    return t
  }
}

// MARK: - Parser delegate

/// Collects items from XMLParser events.
///
/// Element names are qualified (`content:encoded`, `dc:date`): namespace
/// processing is off, so a feed that forgets to declare a prefix still reads.
final class FeedParserDelegate: NSObject, XMLParserDelegate {
  /// Which value a text capture fills.
  enum Target {
    case feedTitle
    case title, link, guid, atomID, pubDate, dcDate, published, updated
    case contentEncoded, description, content, summary
  }

  struct Capture {
    var target: Target
    /// Stack depth of the captured element.
    var depth: Int
    var text = ""
    var format: FeedItem.Format
    /// Atom XHTML content: text is escaped back into markup.
    var isXHTML: Bool
  }

  var stack: [String] = []
  var kind: FeedKind?
  var items: [FeedItem] = []
  var current: FeedItem?
  var itemDepth = 0
  var capture: Capture?
  var feedTitle: FeedItem.Field?
  var notAFeedRoot: String?
  var refusedEntities = false
  var error: (any Error)?
  var errorLine: Int?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes: [String: String] = [:]
  ) {
    stack.append(elementName)
    let depth = stack.count
    if depth == 1 {
      guard let kind = FeedKind(rootName: elementName) else {
        notAFeedRoot = elementName
        parser.abortParsing()
        return
      }
      self.kind = kind
      return
    }
    if var capture {
      // Markup inside a text field (Atom XHTML, or unescaped HTML in RSS).
      capture.text += "<\(Self.localName(elementName))>"
      if capture.format == .text || capture.format == .unknown { capture.format = .html }
      self.capture = capture
      return
    }
    let (prefix, local) = Self.split(elementName)
    if current == nil {
      if (local == "item" && (prefix == nil || prefix == "rss")) || (local == "entry" && (prefix == nil || prefix == "atom")) {
        current = FeedItem(line: parser.lineNumber)
        current?.rdfAbout = attributes["rdf:about"]
        itemDepth = depth
        return
      }
      if local == "title", prefix == nil || prefix == "atom" || prefix == "rss", isFeedTitlePosition(depth) {
        let fieldFormat = kind == .atom ? format(attributes, default: .text) : .unknown
        capture = Capture(
          target: .feedTitle, depth: depth, format: fieldFormat, isXHTML: attributes["type"] == "xhtml")
      }
      return
    }
    guard depth == itemDepth + 1 else { return }
    var target: Target?
    var fieldFormat = FeedItem.Format.unknown
    switch (prefix, local) {
    case (nil, "title"), ("atom", "title"):
      target = .title
      fieldFormat = kind == .atom ? format(attributes, default: .text) : .unknown
    case (nil, "link"), ("atom", "link"):
      if let href = attributes["href"] {
        current?.atomLinks.append((href, attributes["rel"]))
      } else if prefix == nil {
        target = .link
      }
    case (nil, "guid"):
      target = .guid
      current?.guidIsPermaLink = attributes["isPermaLink"]?.lowercased() != "false"
    case (nil, "id"), ("atom", "id"): target = .atomID
    case (nil, "pubDate"): target = .pubDate
    case ("dc", "date"): target = .dcDate
    case (nil, "published"), ("atom", "published"): target = .published
    case (nil, "updated"), ("atom", "updated"): target = .updated
    case ("content", "encoded"):
      target = .contentEncoded
      fieldFormat = .html
    case (nil, "description"):
      target = .description
      fieldFormat = .html
    case (nil, "content"), ("atom", "content"):
      // Atom content given by reference (src) has no text here.
      if attributes["src"] == nil {
        target = .content
        fieldFormat = kind == .atom ? format(attributes, default: .text) : .html
      }
    case (nil, "summary"), ("atom", "summary"):
      target = .summary
      fieldFormat = kind == .atom ? format(attributes, default: .text) : .html
    default:
      break
    }
    if let target {
      capture = Capture(target: target, depth: depth, format: fieldFormat, isXHTML: attributes["type"] == "xhtml")
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
  ) {
    let depth = stack.count
    defer { stack.removeLast() }
    if var capture {
      if depth > capture.depth {
        capture.text += "</\(Self.localName(elementName))>"
        self.capture = capture
        return
      }
      finish(capture)
      self.capture = nil
      return
    }
    if let item = current, depth == itemDepth {
      items.append(item)
      current = nil
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard capture != nil else { return }
    if capture?.isXHTML == true {
      capture?.text += Self.escaped(string)
    } else {
      capture?.text += string
    }
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    guard capture != nil else { return }
    let string = String(decoding: CDATABlock, as: UTF8.self)
    if capture?.isXHTML == true {
      capture?.text += Self.escaped(string)
    } else {
      capture?.text += string
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    guard error == nil, notAFeedRoot == nil, !refusedEntities else { return }
    error = parseError
    errorLine = parser.lineNumber
    parser.abortParsing()
  }

  // Where Foundation reports declarations (Darwin), a second guard against
  // entity expansion; the byte scan before parsing is the one relied on.
  func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
    refusedEntities = true
    parser.abortParsing()
  }

  func parser(
    _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
  ) {
    refusedEntities = true
    parser.abortParsing()
  }

  func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
    nil
  }

  /// Stores a finished capture.
  func finish(_ capture: Capture) {
    let field = FeedItem.Field(text: capture.text, format: capture.format)
    let text = capture.text
    switch capture.target {
    case .feedTitle: if feedTitle == nil { feedTitle = field }
    case .title: current?.title = field
    case .link: current?.link = text
    case .guid: current?.guid = text
    case .atomID: current?.atomID = text
    case .pubDate: current?.pubDate = text
    case .dcDate: current?.dcDate = text
    case .published: current?.published = text
    case .updated: current?.updated = text
    case .contentEncoded: current?.contentEncoded = field
    case .description: current?.description = field
    case .content: current?.content = field
    case .summary: current?.summary = field
    }
  }

  /// Whether a `title` at this depth is the channel's or feed's own.
  func isFeedTitlePosition(_ depth: Int) -> Bool {
    switch kind {
    case .atom: return depth == 2
    case .rss, .rdf: return depth == 3 && Self.localName(stack[1]) == "channel"
    case nil: return false
    }
  }

  /// Atom's `type` attribute: text, html or xhtml (or a MIME type).
  func format(_ attributes: [String: String], default fallback: FeedItem.Format) -> FeedItem.Format {
    guard let type = attributes["type"]?.lowercased() else { return fallback }
    if type == "html" || type == "xhtml" || type.hasSuffix("/html") || type.hasSuffix("+xml") { return .html }
    if type == "text" || type.hasPrefix("text/") { return .text }
    return fallback
  }

  static func split(_ name: String) -> (prefix: String?, local: String) {
    guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
    return (String(name[..<colon]), String(name[name.index(after: colon)...]))
  }

  static func localName(_ name: String) -> String { split(name).local }

  /// Escapes text for inclusion in reconstructed markup.
  static func escaped(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }
}
