import Foundation
import SitrepModel

/// Reads JSONL article collections, one JSON object per line, streaming:
/// memory stays flat however long the file is.
public enum JSONLReader {
  /// Reads `path` in chunks and calls `emit` with each batch of results.
  ///
  /// A line that is not JSON, or has no text, is skipped with `path:line`
  /// and the reason; the rest of the file is still read.
  /// - Parameter limit: a line longer than this many bytes is skipped.
  public static func read(
    path: String, limit: Int, batchSize: Int = 256, emit: (ReadResult) throws -> Void
  ) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SitrepError(.unreadable, "cannot open the file", at: path)
    }
    defer { try? handle.close() }
    var pending: [UInt8] = []
    var lineNumber = 0
    var result = ReadResult()
    var sawAnyByte = false
    var sawBinaryCheck = false
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension

    func take(line: ArraySlice<UInt8>) {
      lineNumber += 1
      parse(line: line, location: "\(path):\(lineNumber)", fallbackID: "\(stem)-\(lineNumber)", limit: limit, into: &result)
    }

    while true {
      let chunk: Data
      do { chunk = try handle.read(upToCount: 1 << 22) ?? Data() } catch {
        throw SitrepError(.unreadable, "read failed: \(error.localizedDescription)", at: path)
      }
      if chunk.isEmpty { break }
      sawAnyByte = true
      if !sawBinaryCheck {
        sawBinaryCheck = true
        if InputBytes.looksBinary(chunk) {
          throw SitrepError(.binary, "binary data, not JSONL text", at: path)
        }
      }
      pending.append(contentsOf: chunk)
      var start = 0
      while let nl = pending[start...].firstIndex(of: 10) {
        take(line: pending[start..<nl])
        start = nl + 1
        if result.articles.count >= batchSize {
          try emit(result)
          result = ReadResult()
        }
      }
      pending.removeFirst(start)
      if pending.count > limit + 1 {
        // an over-long line: skip to its end without holding it all
        var skipped = pending.count
        while true {
          guard let more = try? handle.read(upToCount: 1 << 22), !more.isEmpty else { break }
          if let nl = more.firstIndex(of: 10) {
            skipped += nl - more.startIndex
            pending = Array(more[(nl + 1)...])
            break
          }
          skipped += more.count
        }
        lineNumber += 1
        result.skipped.append(SitrepError(.tooLarge, "line is over \(skipped) bytes, over the limit", at: "\(path):\(lineNumber)"))
        if pending.count > limit + 1 { pending.removeAll() }
      }
    }
    if !pending.isEmpty { take(line: pending[...]) }
    if !sawAnyByte {
      throw SitrepError(.empty, "the file is empty", at: path)
    }
    if lineNumber > 0 && result.articles.isEmpty && result.skipped.isEmpty && result.warnings.isEmpty {
      // only blank lines
    }
    try emit(result)
  }

  /// Reads JSONL held in memory (an HTTP request body, say): every line is
  /// parsed, and problems are named `source:line` as for a file.
  /// - Parameters:
  ///   - bytes: the whole input.
  ///   - source: the name problems and article origins are given.
  ///   - limit: a line longer than this many bytes is skipped.
  public static func read(bytes: [UInt8], source: String, limit: Int) -> ReadResult {
    var result = ReadResult()
    var lineNumber = 0
    var start = 0
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
      lineNumber += 1
      parse(line: bytes[start..<end], location: "\(source):\(lineNumber)", fallbackID: "\(source)-\(lineNumber)", limit: limit, into: &result)
      start = end + 1
    }
    return result
  }

  /// Parses one line into an article, or records why it is skipped.
  static func parse(line: ArraySlice<UInt8>, location: String, fallbackID: String, limit: Int, into result: inout ReadResult) {
    var line = line
    if line.last == 13 { line = line.dropLast() }
    if line.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
    if line.count > limit {
      result.skipped.append(SitrepError(.tooLarge, "line is \(line.count) bytes, over the limit", at: location))
      return
    }
    var bytes = Array(line)
    if String(validating: bytes, as: UTF8.self) == nil {
      result.warnings.append("\(location): invalid UTF-8 replaced with U+FFFD")
      bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
    } catch {
      result.skipped.append(SitrepError(.malformed, "not a JSON object: \(describe(error))", at: location))
      return
    }
    guard let dict = object as? [String: Any] else {
      result.skipped.append(SitrepError(.malformed, "a JSON value but not an object", at: location))
      return
    }
    let fields = ArticleFields(object: dict)
    guard let text = fields.string(ArticleFields.text) else {
      result.skipped.append(
        SitrepError(.missingText, "no article text (looked for: \(ArticleFields.text.joined(separator: ", ")))", at: location))
      return
    }
    let (published, warning) = fields.published(at: location)
    if let warning { result.warnings.append(warning) }
    let url = fields.string(ArticleFields.url)
    let id = fields.string(ArticleFields.id) ?? url ?? fallbackID
    result.articles.append(
      Article(
        id: id, text: text, title: fields.string(ArticleFields.title), url: url,
        outlet: fields.string(ArticleFields.outlet), published: published, origin: location))
  }

  static func describe(_ error: any Error) -> String {
    let ns = error as NSError
    if let detail = ns.userInfo["NSDebugDescription"] as? String { return detail }
    return ns.localizedDescription
  }
}
