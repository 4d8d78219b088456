@preconcurrency import CLibXML2
import Foundation
import SitrepModel

/// Reads one HTML news page into one ``Article``: the visible article text,
/// and the title, publication date, URL and outlet the page declares.
///
/// Parsing is libxml2's tolerant HTML parser (broken markup still yields
/// text; entities are decoded; a `<meta charset>` is honoured). The text
/// comes from the page's `<article>` (else `[itemprop=articleBody]`, else
/// `<main>`; the largest if there are several, else `<body>`), without
/// scripts, navigation, headers, footers, asides, forms, share bars, cookie
/// banners, comments and the like. Each block element (paragraph, heading,
/// list item, caption...) becomes one line; whitespace inside a line is
/// collapsed to single spaces.
///
/// ```swift
/// let result = HTMLReader.read(bytes, id: "strike-report", origin: "pages/strike-report.html")
/// result.articles.first?.text  // "Air defences intercepted ...\nOfficials said ..."
/// ```
///
/// - Complexity: O(n) in the page size (two passes over the parsed tree).
public enum HTMLReader {
  /// Reads the page in `bytes` as the article `id`, found at `origin`.
  ///
  /// - Returns: one article; or none, with a skipped ``SitrepError/Code/missingText``
  ///   error, when the page has no visible text. A publication date that is
  ///   present but unreadable gives a warning and no date.
  public static func read(_ bytes: [UInt8], id: String, origin: String) -> ReadResult {
    var result = ReadResult()
    let noText = SitrepError(.missingText, "HTML page has no article text", at: origin)
    guard let doc = HTMLDocument(bytes, encoding: nil) else {
      result.skipped.append(noText)
      return result
    }
    var page = PageExtraction(document: doc, strict: true)
    if page.text.isEmpty {
      // Whole pages wrapped in a <form> (ASP.NET) or in a wrapper whose class
      // looks like furniture: retry trusting only the element names.
      let lenient = PageExtraction(document: doc, strict: false)
      if !lenient.text.isEmpty { page = lenient }
    }
    guard !page.text.isEmpty else {
      result.skipped.append(noText)
      return result
    }
    var article = Article(id: id, text: page.text, origin: origin)
    article.title = page.title
    article.url = page.url
    article.outlet = page.outlet
    if !page.dateCandidates.isEmpty {
      if let date = page.dateCandidates.lazy.compactMap({ PublicationDateParser.parse($0) }).first {
        article.published = date
      } else {
        let raw = page.dateCandidates[0]
        result.warnings.append("\(origin): unparseable publication date '\(raw.prefix(80))'")
      }
    }
    result.articles.append(article)
    return result
  }

  /// The visible text of an HTML fragment (a feed item's body): the same
  /// rules as a page, without choosing an `<article>` root.
  ///
  /// Text without any markup skips libxml2: its blank lines separate
  /// paragraphs and other whitespace collapses to single spaces.
  static func visibleText(fromHTML bytes: [UInt8]) -> String {
    if !bytes.contains(UInt8(ascii: "<")) && !bytes.contains(UInt8(ascii: "&")) {
      return plainText(bytes)
    }
    guard let doc = HTMLDocument(bytes, encoding: "UTF-8") else { return "" }
    let root = doc.body ?? doc.rootElement
    guard let root else { return "" }
    var text = TextExtraction.text(of: root, strict: true)
    if text.isEmpty { text = TextExtraction.text(of: root, strict: false) }
    return text
  }

  /// Normalises text without markup: paragraphs (blank-line separated) become
  /// lines, other whitespace runs become one space.
  static func plainText(_ bytes: [UInt8]) -> String {
    var sink = TextSink(capacity: bytes.count)
    var newlines = 0
    for c in bytes {
      if c == 10 {
        newlines += 1
        sink.space()
        if newlines == 2 { sink.lineBreak() }
      } else if c == 32 || c == 9 || c == 13 || c == 12 {
        sink.space()
      } else {
        newlines = 0
        sink.byte(c)
      }
    }
    return sink.string
  }
}

// MARK: - libxml2 document

typealias LXNode = UnsafeMutablePointer<xmlNode>

/// One parsed libxml2 HTML document; frees it when released.
final class HTMLDocument {
  let doc: htmlDocPtr

  /// libxml2 must be initialised once before threads use it.
  private static let libxmlReady: Void = { xmlInitParser() }()

  /// Parses `bytes` (nil when libxml2 returns no document, e.g. for empty input).
  /// - Parameter encoding: nil to honour the page's own declaration (libxml2
  ///   otherwise detects UTF-8, falling back to Latin-1).
  init?(_ bytes: [UInt8], encoding: String?) {
    _ = Self.libxmlReady
    guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
    let options =
      Int32(HTML_PARSE_NONET.rawValue) | Int32(HTML_PARSE_NOERROR.rawValue)
      | Int32(HTML_PARSE_NOWARNING.rawValue) | Int32(HTML_PARSE_RECOVER.rawValue)
      | Int32(XML_PARSE_HUGE.rawValue)
    let parsed = bytes.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        if let encoding {
          return htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, encoding, options)
        }
        return htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, options)
      }
    }
    guard let parsed else { return nil }
    doc = parsed
  }

  deinit { xmlFreeDoc(doc) }

  /// The document node, as the container the walker stops at.
  var container: UnsafeMutableRawPointer { UnsafeMutableRawPointer(doc) }

  var rootElement: LXNode? { xmlDocGetRootElement(doc) }

  /// The `<body>` element, if the tree has one under `<html>`.
  var body: LXNode? {
    var child = rootElement?.pointee.children
    while let c = child {
      if c.pointee.type == XML_ELEMENT_NODE, HTMLNames.info(c).contains(.body) { return c }
      child = c.pointee.next
    }
    return nil
  }
}

/// Visits the nodes below `container` in document order without recursion
/// (pages can nest thousands of elements deep).
///
/// `enter` returns whether to visit the node's children; `leave` is called for
/// every entered node after its children.
@inline(__always)
func walkTree(
  under container: UnsafeMutableRawPointer, first: LXNode?, enter: (LXNode) -> Bool, leave: (LXNode) -> Void
) {
  var next = first
  while let n = next {
    if enter(n), let c = n.pointee.children {
      next = c
      continue
    }
    var cur = n
    while true {
      leave(cur)
      if let s = cur.pointee.next {
        next = s
        break
      }
      guard let p = cur.pointee.parent, UnsafeMutableRawPointer(p) != container else {
        next = nil
        break
      }
      cur = p
    }
  }
}

// MARK: - Element names

/// What Sitrep cares about in an element name.
struct ElementInfo: OptionSet, Sendable {
  let rawValue: UInt32
  /// Never visible article text (script, nav, header...).
  static let drop = ElementInfo(rawValue: 1 << 0)
  /// Dropped even in lenient mode (script, style, nav...); `form` is not.
  static let hardDrop = ElementInfo(rawValue: 1 << 1)
  /// Starts and ends a line.
  static let block = ElementInfo(rawValue: 1 << 2)
  /// A table cell: separated by a space.
  static let cell = ElementInfo(rawValue: 1 << 3)
  static let lineBreak = ElementInfo(rawValue: 1 << 4)
  static let article = ElementInfo(rawValue: 1 << 5)
  static let main = ElementInfo(rawValue: 1 << 6)
  static let h1 = ElementInfo(rawValue: 1 << 7)
  static let title = ElementInfo(rawValue: 1 << 8)
  static let meta = ElementInfo(rawValue: 1 << 9)
  static let link = ElementInfo(rawValue: 1 << 10)
  static let script = ElementInfo(rawValue: 1 << 11)
  static let time = ElementInfo(rawValue: 1 << 12)
  static let body = ElementInfo(rawValue: 1 << 13)
  static let svg = ElementInfo(rawValue: 1 << 14)
  /// Class and id never drop it (`<body class="has-sidebar">`).
  static let protected = ElementInfo(rawValue: 1 << 15)
}

/// Element-name lookup on the first eight bytes of the (lowercase) name.
enum HTMLNames {
  static let table: [UInt64: ElementInfo] = {
    var t: [UInt64: ElementInfo] = [:]
    func add(_ names: [String], _ info: ElementInfo) {
      for name in names { t[key(Array(name.utf8)), default: []].formUnion(info) }
    }
    add(
      [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "title", "option", "noscript",
        "iframe", "video", "audio", "textarea", "select", "button",
      ], .block)
    add(
      [
        "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "button", "iframe",
        "head", "select", "textarea", "input", "object", "embed", "canvas", "video", "audio", "map", "math",
        "title", "meta", "link",
      ], [.drop, .hardDrop])
    add(["form"], .drop)
    add(["td", "th"], .cell)
    add(["br"], .lineBreak)
    add(["article"], .article)
    add(["main"], .main)
    add(["h1"], .h1)
    add(["title"], .title)
    add(["meta"], .meta)
    add(["link"], .link)
    add(["script"], .script)
    add(["time"], .time)
    add(["body"], .body)
    add(["svg"], .svg)
    add(["html", "body", "article", "main"], .protected)
    return t
  }()

  static func key(_ name: [UInt8]) -> UInt64 {
    var k: UInt64 = 0
    for c in name.prefix(8) { k = k << 8 | UInt64(c | (c &- 65 < 26 ? 0x20 : 0)) }
    return k
  }

  @inline(__always)
  static func info(_ node: LXNode) -> ElementInfo {
    guard var p = node.pointee.name else { return [] }
    var k: UInt64 = 0
    var n = 0
    while n < 8 {
      let c = p.pointee
      if c == 0 { break }
      k = k << 8 | UInt64(c | (c &- 65 < 26 ? 0x20 : 0))
      p += 1
      n += 1
    }
    return table[k] ?? []
  }
}

// MARK: - Attributes

/// The attributes of one element that matter here, as pointers into the
/// document (valid while it lives; no copies).
struct Attributes {
  var cls: UnsafePointer<xmlChar>?
  var id: UnsafePointer<xmlChar>?
  var role: UnsafePointer<xmlChar>?
  var style: UnsafePointer<xmlChar>?
  var itemprop: UnsafePointer<xmlChar>?
  var property: UnsafePointer<xmlChar>?
  var name: UnsafePointer<xmlChar>?
  var content: UnsafePointer<xmlChar>?
  var rel: UnsafePointer<xmlChar>?
  var href: UnsafePointer<xmlChar>?
  var type: UnsafePointer<xmlChar>?
  var datetime: UnsafePointer<xmlChar>?
  var hidden = false
  var ariaHidden: UnsafePointer<xmlChar>?

  init(_ node: LXNode) {
    var attr = node.pointee.properties
    while let a = attr {
      defer { attr = a.pointee.next }
      guard let namePtr = a.pointee.name else { continue }
      let value = Self.value(a)
      switch CString.key(namePtr) {
      case Self.kClass: cls = value
      case Self.kID: id = value
      case Self.kRole: role = value
      case Self.kStyle: style = value
      case Self.kItemprop: itemprop = value
      case Self.kProperty: property = value
      case Self.kName: name = value
      case Self.kContent: content = value
      case Self.kRel: rel = value
      case Self.kHref: href = value
      case Self.kType: type = value
      case Self.kDatetime: datetime = value
      case Self.kHidden: hidden = true
      case Self.kAriaHidden: ariaHidden = value
      default: break
      }
    }
  }

  /// The attribute's value when it is one text node (as libxml2's HTML parser makes it).
  static func value(_ a: UnsafeMutablePointer<xmlAttr>) -> UnsafePointer<xmlChar>? {
    guard let child = a.pointee.children, child.pointee.next == nil, let content = child.pointee.content else {
      return nil
    }
    return UnsafePointer(content)
  }

  static let kClass = CString.key("class")
  static let kID = CString.key("id")
  static let kRole = CString.key("role")
  static let kStyle = CString.key("style")
  static let kItemprop = CString.key("itemprop")
  static let kProperty = CString.key("property")
  static let kName = CString.key("name")
  static let kContent = CString.key("content")
  static let kRel = CString.key("rel")
  static let kHref = CString.key("href")
  static let kType = CString.key("type")
  static let kDatetime = CString.key("datetime")
  static let kHidden = CString.key("hidden")
  static let kAriaHidden = CString.key("aria-hidden")
}

/// Small helpers over NUL-terminated libxml2 strings.
enum CString {
  /// A 64-bit FNV-1a hash of the lowercased bytes.
  @inline(__always)
  static func key(_ p: UnsafePointer<xmlChar>) -> UInt64 {
    var h = FNV1a64()
    var q = p
    while q.pointee != 0 {
      let c = q.pointee
      h.combine(c | (c &- 65 < 26 ? 0x20 : 0))
      q += 1
    }
    return h.value
  }

  static func key(_ s: String) -> UInt64 {
    var h = FNV1a64()
    for c in s.utf8 { h.combine(c | (c &- 65 < 26 ? 0x20 : 0)) }
    return h.value
  }

  static func string(_ p: UnsafePointer<xmlChar>) -> String {
    String(cString: p)
  }

  /// The string trimmed, with inner whitespace runs collapsed; nil when empty.
  static func collapsed(_ p: UnsafePointer<xmlChar>?) -> String? {
    guard let p else { return nil }
    var sink = TextSink(capacity: 64)
    sink.text(p)
    let s = sink.string
    return s.isEmpty ? nil : s
  }

  /// Whether any whitespace-separated token of `p` hashes into `set`.
  static func anyToken(_ p: UnsafePointer<xmlChar>, in set: Set<UInt64>) -> Bool {
    var q = p
    var h = FNV1a64()
    var length = 0
    while true {
      let c = q.pointee
      if c == 0 || c == 32 || c == 9 || c == 10 || c == 13 || c == 12 {
        if length > 0, set.contains(h.value) { return true }
        if c == 0 { return false }
        h = FNV1a64()
        length = 0
      } else {
        h.combine(c | (c &- 65 < 26 ? 0x20 : 0))
        length += 1
      }
      q += 1
    }
  }

  /// The text content of a node and its descendants (libxml2 allocation, freed here).
  static func content(of node: LXNode) -> [UInt8] {
    guard let raw = xmlNodeGetContent(node) else { return [] }
    defer { xmlFree(raw) }
    var out: [UInt8] = []
    var q = UnsafePointer(raw)
    while q.pointee != 0 {
      out.append(q.pointee)
      q += 1
    }
    return out
  }
}

// MARK: - Furniture by class, id and role

/// Decides whether an element is page furniture from its name and attributes.
enum Furniture {
  /// Class/id segments that mark furniture (whole segments: `share-bar`,
  /// `shareBar`, `site_footer`; not `shared` or `navy`).
  static let segments: Set<UInt64> = Set(
    [
      "nav", "navbar", "navigation", "menu", "share", "sharing", "social", "cookie", "cookies", "consent",
      "gdpr", "comment", "comments", "related", "newsletter", "subscribe", "subscription", "breadcrumb",
      "breadcrumbs", "sidebar", "footer", "header", "masthead", "advert", "adverts", "advertisement", "ad",
      "ads", "promo", "promos",
    ].map { CString.key($0) })

  /// A class name whose first segment is one of these describes a state, not
  /// the element (`has-sidebar`, `no-comments`).
  static let stateSegments: Set<UInt64> = Set(["has", "with", "without", "no", "show", "hide"].map { CString.key($0) })

  static let roles: Set<UInt64> = Set(
    ["navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search"].map { CString.key($0) })

  /// Whether the element is furniture.
  /// - Parameter strict: false to trust element names only (and keep `<form>`).
  static func isDropped(_ info: ElementInfo, _ attrs: Attributes, strict: Bool) -> Bool {
    if info.contains(.hardDrop) { return true }
    if attrs.hidden { return true }
    if let aria = attrs.ariaHidden, CString.key(aria) == trueKey { return true }
    if let style = attrs.style, hidesDisplay(style) { return true }
    guard strict else { return false }
    if info.contains(.drop) { return true }
    if let role = attrs.role, CString.anyToken(role, in: roles) { return true }
    if info.contains(.protected) { return false }
    if let cls = attrs.cls, marksFurniture(cls) { return true }
    if let id = attrs.id, marksFurniture(id) { return true }
    return false
  }

  static let trueKey = CString.key("true")

  /// `display:none` (any spacing or case) in an inline style.
  static func hidesDisplay(_ p: UnsafePointer<xmlChar>) -> Bool {
    let target = Array("display:none".utf8)
    var matched = 0
    var q = p
    while q.pointee != 0 {
      let c = q.pointee
      q += 1
      if c == 32 || c == 9 { continue }
      let lower = c | (c &- 65 < 26 ? 0x20 : 0)
      if lower == target[matched] {
        matched += 1
        if matched == target.count { return true }
      } else {
        matched = lower == target[0] ? 1 : 0
      }
    }
    return false
  }

  /// Whether a class or id value has a furniture segment in any of its names.
  static func marksFurniture(_ p: UnsafePointer<xmlChar>) -> Bool {
    var q = p
    var h = FNV1a64()
    var length = 0
    var segmentIndex = 0  // segment number within the current class name
    var skipName = false
    var previousLower = false
    @inline(__always) func endSegment() -> Bool {
      defer {
        h = FNV1a64()
        length = 0
      }
      guard length > 0 else { return false }
      if segmentIndex == 0, stateSegments.contains(h.value) { skipName = true }
      segmentIndex += 1
      return !skipName && segments.contains(h.value)
    }
    while true {
      let c = q.pointee
      if c == 0 || c == 32 || c == 9 || c == 10 || c == 13 || c == 12 {
        if endSegment() { return true }
        if c == 0 { return false }
        segmentIndex = 0
        skipName = false
        previousLower = false
      } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") {
        if endSegment() { return true }
        previousLower = false
      } else {
        let isUpper = c &- 65 < 26
        if isUpper && previousLower {
          // camelCase boundary: shareBar
          if endSegment() { return true }
        }
        h.combine(isUpper ? c | 0x20 : c)
        length += 1
        previousLower = c &- 97 < 26 || c &- 48 < 10
      }
      q += 1
    }
  }
}

// MARK: - Text

/// Accumulates visible text: one line per block, single spaces inside lines.
struct TextSink {
  var out: [UInt8] = []
  var lineHasContent = false
  var pendingSpace = false
  var pendingBreak = false

  init(capacity: Int) { out.reserveCapacity(capacity) }

  @inline(__always)
  mutating func byte(_ c: UInt8) {
    if pendingBreak {
      out.append(10)
      pendingBreak = false
    } else if pendingSpace {
      out.append(32)
    }
    pendingSpace = false
    out.append(c)
    lineHasContent = true
  }

  @inline(__always)
  mutating func space() {
    if lineHasContent { pendingSpace = true }
  }

  mutating func lineBreak() {
    if lineHasContent {
      pendingBreak = true
      lineHasContent = false
    }
    pendingSpace = false
  }

  /// Appends a text node's bytes, collapsing whitespace (and no-break spaces).
  mutating func text(_ p: UnsafePointer<xmlChar>) {
    var q = p
    while true {
      let c = q.pointee
      if c == 0 { return }
      if c == 32 || c == 10 || c == 9 || c == 13 || c == 12 {
        space()
        q += 1
      } else if c == 0xC2 && q[1] == 0xA0 {
        space()
        q += 2
      } else {
        byte(c)
        q += 1
      }
    }
  }

  var string: String { String(decoding: out, as: UTF8.self) }
}

/// Turns the subtree of one element into visible text.
enum TextExtraction {
  /// The text under `root`, skipping furniture; `dropped` short-cuts the
  /// furniture test with the verdicts of an earlier pass.
  static func text(of root: LXNode, strict: Bool, dropped: Set<LXNode>? = nil) -> String {
    var sink = TextSink(capacity: 4096)
    walkTree(
      under: UnsafeMutableRawPointer(root), first: root.pointee.children,
      enter: { node in
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
          if let content = node.pointee.content { sink.text(content) }
          return false
        case XML_ELEMENT_NODE:
          let info = HTMLNames.info(node)
          if info.contains(.lineBreak) {
            sink.lineBreak()
            return false
          }
          let isDropped: Bool
          if let dropped {
            isDropped = dropped.contains(node)
          } else {
            isDropped = Furniture.isDropped(info, Attributes(node), strict: strict)
          }
          if info.contains(.block) { sink.lineBreak() } else if info.contains(.cell) { sink.space() }
          return !isDropped
        default:
          return false
        }
      },
      leave: { node in
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        let info = HTMLNames.info(node)
        if info.contains(.block) { sink.lineBreak() } else if info.contains(.cell) { sink.space() }
      })
    return sink.string
  }
}

// MARK: - Page

/// Everything read from one page: the first pass collects metadata and the
/// candidate article roots, the second extracts the chosen root's text.
struct PageExtraction {
  var text = ""
  var title: String?
  var url: String?
  var outlet: String?
  /// Raw publication dates in order of trust; the first parseable one wins.
  var dateCandidates: [String] = []

  /// Meta keys (lowercase) that give the publication date, most trusted first.
  static let dateMetaKeys = [
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date",
  ]

  static let articleBodyKey: Set<UInt64> = [CString.key("articlebody")]
  static let datePublishedKey: Set<UInt64> = [CString.key("datepublished")]
  static let canonicalKey: Set<UInt64> = [CString.key("canonical")]
  static let mainRoleKey: Set<UInt64> = [CString.key("main")]
  static let jsonLDKey = CString.key("application/ld+json")

  init(document: HTMLDocument, strict: Bool) {
    var metas: [String: String] = [:]
    var canonical: String?
    var pageTitle: String?
    var jsonLD: [[UInt8]] = []
    var times: [(node: LXNode, value: String)] = []
    var itempropDate: String?
    // Outermost candidates by kind: 0 article, 1 articleBody, 2 main.
    var candidates: [[LXNode]] = [[], [], []]
    var openCandidates: [[LXNode]] = [[], [], []]
    var dropped = Set<LXNode>()
    var dropStack: [LXNode] = []
    var svgDepth = 0

    walkTree(
      under: document.container, first: document.doc.pointee.children,
      enter: { node in
        guard node.pointee.type == XML_ELEMENT_NODE else { return node.pointee.type != XML_DTD_NODE }
        let info = HTMLNames.info(node)
        let attrs = Attributes(node)
        if info.contains(.svg) { svgDepth += 1 }
        // Metadata.
        if info.contains(.meta), let content = CString.collapsed(attrs.content) {
          for key in [attrs.property, attrs.name, attrs.itemprop] {
            guard let key else { continue }
            let k = CString.string(key).lowercased()
            if metas[k] == nil { metas[k] = content }
          }
        } else if info.contains(.link), canonical == nil, let rel = attrs.rel,
          CString.anyToken(rel, in: Self.canonicalKey)
        {
          canonical = CString.collapsed(attrs.href)
        } else if info.contains(.title), pageTitle == nil, svgDepth == 0 {
          pageTitle = CString.collapsed(CString.content(of: node))
        } else if info.contains(.script), let type = attrs.type, CString.key(type) == Self.jsonLDKey {
          jsonLD.append(CString.content(of: node))
        }
        if info.contains(.time), let datetime = CString.collapsed(attrs.datetime) {
          times.append((node, datetime))
        }
        if let itemprop = attrs.itemprop, !info.contains(.meta), itempropDate == nil,
          CString.anyToken(itemprop, in: Self.datePublishedKey)
        {
          itempropDate =
            CString.collapsed(attrs.content) ?? CString.collapsed(attrs.datetime)
            ?? CString.collapsed(CString.content(of: node))
        }
        // Furniture and candidate roots (only outside furniture).
        if dropStack.isEmpty {
          if Furniture.isDropped(info, attrs, strict: strict) {
            dropped.insert(node)
            dropStack.append(node)
          } else {
            var kind: Int?
            if info.contains(.article) {
              kind = 0
            } else if let itemprop = attrs.itemprop, CString.anyToken(itemprop, in: Self.articleBodyKey) {
              kind = 1
            } else if info.contains(.main) || (attrs.role.map { CString.anyToken($0, in: Self.mainRoleKey) } ?? false) {
              kind = 2
            }
            if let kind {
              if openCandidates[kind].isEmpty { candidates[kind].append(node) }
              openCandidates[kind].append(node)
            }
          }
        }
        return true
      },
      leave: { node in
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        if dropStack.last == node { dropStack.removeLast() }
        for k in 0..<3 where openCandidates[k].last == node { openCandidates[k].removeLast() }
        if svgDepth > 0, HTMLNames.info(node).contains(.svg) { svgDepth -= 1 }
      })

    // The text: the largest candidate of the most specific kind that has any.
    var root: LXNode?
    for kind in 0..<3 where !candidates[kind].isEmpty {
      var best = ""
      for candidate in candidates[kind] {
        let t = TextExtraction.text(of: candidate, strict: strict, dropped: dropped)
        if t.utf8.count > best.utf8.count {
          best = t
          root = candidate
        }
      }
      if !best.isEmpty {
        text = best
        break
      }
      root = nil
    }
    if root == nil, let body = document.body ?? document.rootElement {
      text = TextExtraction.text(of: body, strict: strict, dropped: dropped)
    }

    // Title: og:title, twitter:title, the article's <h1>, <title>.
    var h1: String?
    if let root {
      walkTree(
        under: UnsafeMutableRawPointer(root), first: root.pointee.children,
        enter: { node in
          guard h1 == nil, node.pointee.type == XML_ELEMENT_NODE else { return false }
          if HTMLNames.info(node).contains(.h1) {
            h1 = CString.collapsed(CString.content(of: node))
            return false
          }
          return true
        }, leave: { _ in })
    }
    title = metas["og:title"] ?? metas["twitter:title"] ?? h1 ?? pageTitle
    url = metas["og:url"] ?? canonical
    outlet = metas["og:site_name"]

    // Dates, most trusted first.
    for key in Self.dateMetaKeys {
      if let value = metas[key] { dateCandidates.append(value) }
      if key == "datepublished", let itempropDate { dateCandidates.append(itempropDate) }
    }
    for script in jsonLD {
      if let value = JSONLD.datePublished(script) { dateCandidates.append(value) }
    }
    if let root, let inRoot = times.first(where: { Self.isDescendant($0.node, of: root) }) {
      dateCandidates.append(inRoot.value)
    }
    if let first = times.first { dateCandidates.append(first.value) }
  }

  static func isDescendant(_ node: LXNode, of root: LXNode) -> Bool {
    var p = node.pointee.parent
    while let q = p {
      if q == root { return true }
      p = q.pointee.parent
    }
    return false
  }
}

extension CString {
  /// ``collapsed(_:)`` over bytes already copied out of the tree.
  static func collapsed(_ bytes: [UInt8]) -> String? {
    var sink = TextSink(capacity: bytes.count)
    for c in bytes {
      if c == 32 || c == 10 || c == 9 || c == 13 || c == 12 { sink.space() } else { sink.byte(c) }
    }
    let s = sink.string
    return s.isEmpty ? nil : s
  }
}

// MARK: - JSON-LD

/// Reads `datePublished` out of JSON-LD blocks.
enum JSONLD {
  static let articleTypes = ["article", "posting", "report"]

  /// The `datePublished` of the block, preferring an article-typed object;
  /// nil when the block is not JSON or has none.
  static func datePublished(_ bytes: [UInt8]) -> String? {
    guard let object = parse(bytes) else { return nil }
    var first: String?
    var typed: String?
    search(object, depth: 0, first: &first, typed: &typed)
    return typed ?? first
  }

  /// Parses the block, tolerating `<!-- -->` and CDATA wrappers.
  static func parse(_ bytes: [UInt8]) -> Any? {
    if let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
      return object
    }
    // Strip wrappers down to the outermost braces or brackets.
    guard let start = bytes.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }),
      let end = bytes.lastIndex(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }), start < end
    else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(bytes[start...end]), options: [])
  }

  static func search(_ value: Any, depth: Int, first: inout String?, typed: inout String?) {
    guard depth < 8, typed == nil else { return }
    if let array = value as? [Any] {
      for element in array { search(element, depth: depth + 1, first: &first, typed: &typed) }
      return
    }
    guard let object = value as? [String: Any] else { return }
    if let date = object["datePublished"] as? String {
      let trimmed = date.trimmingCharacters(in: .whitespacesAndNewlines)
      if !trimmed.isEmpty {
        if first == nil { first = trimmed }
        if isArticle(object["@type"]) {
          typed = trimmed
          return
        }
      }
    }
    // @graph first, then the other values in a stable order.
    if let graph = object["@graph"] { search(graph, depth: depth + 1, first: &first, typed: &typed) }
    for key in object.keys.sorted() where key != "@graph" {
      guard let child = object[key], child is [Any] || child is [String: Any] else { continue }
      search(child, depth: depth + 1, first: &first, typed: &typed)
    }
  }

  static func isArticle(_ type: Any?) -> Bool {
    if let s = type as? String {
      let lower = s.lowercased()
      return articleTypes.contains { lower.contains($0) }
    }
    if let list = type as? [Any] { return list.contains { isArticle($0) } }
    return false
  }
}
