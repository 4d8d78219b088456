import ArgumentParser
import Foundation
import SitrepModel
import SitrepStoreSQLite

struct Articles: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List stored articles, or search their text.",
    discussion: """
      Without --search, articles are listed newest first (undated last). --search takes words that
      must all occur (a trailing * matches a prefix) and ranks by relevance.
      --json prints an array of objects with the keys id, title, url, outlet, published, characters,
      origin, content_hash, version, ingested_at, updated_at, duplicate_of and, when searching, snippet.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "Only articles whose title or text contain all these words.")
  var search: String?

  @Option(help: "Show at most this many.")
  var limit: Int?

  @Option(help: "Skip this many first.")
  var offset: Int = 0

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    if offset < 0 { throw ValidationError("--offset must not be negative") }
  }

  func run() throws {
    let db = try openExisting(store.db)
    let rows = try db.articles(search: search, limit: limit, offset: offset)
    if json {
      try printJSON(rows)
      return
    }
    if rows.isEmpty {
      print(search == nil ? "No articles stored in \(store.db)." : "No article matches '\(search ?? "")'.")
      return
    }
    for a in rows {
      let date = a.published.map { String($0.prefix(10)) } ?? "undated   "
      let title = a.title ?? "(no title)"
      let dup = a.duplicateOf.map { "  [copy of \($0)]" } ?? ""
      print("\(date)  \(a.id)  \(title.prefix(90))\(dup)")
      if let snippet = a.snippet {
        print("            \(snippet.replacingOccurrences(of: "\n", with: " "))")
      }
    }
  }
}

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print one stored article with its metadata, furniture marked.",
    discussion: """
      Furniture (read-more lines, embeds, captions…) is shown between ⟦ and ⟧ with its kind.
      --json gives the article's fields, its text, and furniture spans with start/end in Unicode
      code points, kind, rule and text.
      """)

  @Argument(help: "The article id.")
  var id: String

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let db = try openExisting(store.db)
    guard let a = try db.article(id: id) else {
      throw ValidationError("no article with id '\(id)' in \(store.db) (sitrep articles lists them)")
    }
    if json {
      try printJSON(a)
      return
    }
    print("id:         \(a.id)")
    print("title:      \(a.title ?? "-")")
    print("published:  \(a.published ?? "-")")
    print("outlet:     \(a.outlet ?? "-")")
    print("url:        \(a.url ?? "-")")
    print("origin:     \(a.origin)")
    print("version:    \(a.version) (ingested \(a.ingestedAt), updated \(a.updatedAt))")
    print("characters: \(a.characters)")
    if let d = a.duplicateOf { print("copy of:    \(d)") }
    if let c = a.copies, !c.isEmpty { print("copies:     \(c.joined(separator: ", "))") }
    print("furniture:  \(a.furniture?.count ?? 0) span(s)")
    print("")
    print(marked(a))
  }

  /// The text with each furniture span wrapped in ⟦kind: …⟧.
  func marked(_ a: StoredArticle) -> String {
    guard let text = a.text else { return "" }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var at = 0
    for f in a.furniture ?? [] where f.start >= at {
      out.append(contentsOf: scalars[at..<f.start])
      out.append(contentsOf: "⟦\(f.kind): ".unicodeScalars)
      out.append(contentsOf: scalars[f.start..<f.end])
      out.append(contentsOf: "⟧".unicodeScalars)
      at = f.end
    }
    out.append(contentsOf: scalars[at...])
    return String(out)
  }
}

struct Runs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the ingest log: what ran, when, and with what result.")

  @OptionGroup var store: StoreOptions

  @Option(help: "Show at most this many runs.")
  var limit: Int = 20

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let db = try openExisting(store.db)
    let runs = try db.runs(limit: limit)
    if json {
      try printJSON(runs)
      return
    }
    for r in runs {
      print(
        "#\(r.id) \(r.startedAt) \(r.status): new \(r.new), unchanged \(r.unchanged), replaced \(r.replaced), near-duplicates \(r.nearDuplicates), skipped \(r.skipped) — \(r.inputs.replacingOccurrences(of: "\n", with: " "))"
      )
    }
  }
}

/// Opens a database that must already exist (reading commands never create one).
func openExisting(_ path: String) throws -> SQLiteStore {
  guard FileManager.default.fileExists(atPath: path) else {
    throw ValidationError("no database at \(path): run 'sitrep ingest PATH --db \(path)' first")
  }
  return try SQLiteStore(path: path)
}

func printJSON(_ value: some Encodable) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
