import Foundation
import SitrepModel

/// A tab-separated lexicon file: `#` comment lines, then rows with a fixed
/// number of columns. Errors name `file:line`.
struct TSV {
  struct Row {
    var line: Int
    var columns: [String]
    subscript(_ i: Int) -> String { columns[i] }
  }

  let file: String
  let rows: [Row]

  init(contentsOf url: URL, columns: Int) throws {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw SitrepError(.unreadable, "cannot read lexicon file: \(error.localizedDescription)", at: url.path)
    }
    try self.init(text: String(decoding: data, as: UTF8.self), file: url.lastPathComponent, columns: columns)
  }

  init(text: String, file: String, columns: Int) throws {
    self.file = file
    var rows: [Row] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cols.count == columns else {
        throw SitrepError(
          .malformed, "expected \(columns) tab-separated columns, found \(cols.count)", at: "\(file):\(index + 1)")
      }
      rows.append(Row(line: index + 1, columns: cols))
    }
    self.rows = rows
  }

  func location(_ row: Row) -> String { "\(file):\(row.line)" }

  /// One word or phrase per line (comments and blank lines skipped).
  static func lines(contentsOf url: URL) throws -> [String] {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw SitrepError(.unreadable, "cannot read lexicon file: \(error.localizedDescription)", at: url.path)
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }
}

extension String {
  /// `a|b|c` split into trimmed, non-empty parts.
  var pipeList: [String] {
    split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
