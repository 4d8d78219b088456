import Foundation
import SitrepModel

/// Reads one plain-text article: id from the file name, publication date
/// from a first line `date YYYY-MM-DD`, metadata from a manifest beside it.
public enum PlainTextReader {
  public static func read(
    _ bytes: [UInt8], path: String, manifest: Manifest.Entry?
  ) -> ReadResult {
    var result = ReadResult()
    let (text, repaired) = InputBytes.decode(bytes)
    if repaired { result.warnings.append("\(path): invalid UTF-8 replaced with U+FFFD") }
    if text.allSatisfy({ $0.isWhitespace }) {
      result.skipped.append(SitrepError(.empty, "the file has no text", at: path))
      return result
    }
    let name = (path as NSString).lastPathComponent
    var article = Article(id: (name as NSString).deletingPathExtension, text: text, origin: path)
    if let date = dateLine(text) {
      if let parsed = PublicationDateParser.parse(date) {
        article.published = parsed
      } else {
        result.warnings.append("\(path): unparseable date line 'date \(date)'; stored without a publication date")
      }
    }
    if let entry = manifest {
      if let id = entry.id { article.id = id }
      if let title = entry.title { article.title = title }
      if let url = entry.url { article.url = url }
      if let outlet = entry.outlet { article.outlet = outlet }
      if let published = entry.published { article.published = published }
      result.warnings.append(contentsOf: entry.warnings)
    }
    result.articles.append(article)
    return result
  }

  /// The date of a first line `date YYYY-MM-DD` (leading spaces allowed,
  /// text may follow on the same line).
  static func dateLine(_ text: String) -> String? {
    let head = text.utf8.prefix(64)
    var i = head.startIndex
    while i < head.endIndex, head[i] == 32 || head[i] == 9 || head[i] == 0xEF || head[i] == 0xBB || head[i] == 0xBF {
      i = head.index(after: i)
    }
    let rest = Array(head[i...])
    guard rest.count >= 15, rest.starts(with: Array("date ".utf8)) else { return nil }
    let candidate = rest[5..<15]
    guard candidate.enumerated().allSatisfy({ idx, c in
      idx == 4 || idx == 7 ? c == 45 : (48...57).contains(c)
    }) else { return nil }
    return String(decoding: candidate, as: UTF8.self)
  }
}

/// `manifest.jsonl` beside plain-text files: one object per file, with
/// `file` and the usual article fields (id, title, published, url, outlet).
public struct Manifest: Sendable {
  public struct Entry: Sendable {
    public var id: String?
    public var title: String?
    public var url: String?
    public var outlet: String?
    public var published: PublicationDate?
    public var warnings: [String] = []
  }

  /// Entries by file name (and by file name without extension).
  public private(set) var entries: [String: Entry] = [:]

  public init() {}

  public static func read(_ bytes: [UInt8], path: String) -> (Manifest, [SitrepError]) {
    var manifest = Manifest()
    var problems: [SitrepError] = []
    let (text, _) = InputBytes.decode(bytes)
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let location = "\(path):\(index + 1)"
      if line.allSatisfy({ $0.isWhitespace }) { continue }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        problems.append(SitrepError(.malformed, "manifest line is not a JSON object", at: location))
        continue
      }
      let fields = ArticleFields(object: object)
      let file = object["file"] as? String ?? fields.string(ArticleFields.id).map { $0 + ".txt" }
      guard let file else {
        problems.append(SitrepError(.malformed, "manifest line names no file or id", at: location))
        continue
      }
      let (published, warning) = fields.published(at: location)
      var entry = Entry(
        id: fields.string(ArticleFields.id), title: fields.string(ArticleFields.title),
        url: fields.string(ArticleFields.url), outlet: fields.string(ArticleFields.outlet), published: published)
      if let warning { entry.warnings.append(warning) }
      manifest.entries[file] = entry
    }
    return (manifest, problems)
  }

  public func entry(forFile name: String) -> Entry? {
    entries[name]
  }
}
