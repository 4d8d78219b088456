import Foundation
import SitrepIngest
import SitrepModel
@_spi(Testing) import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// Ingest into a real SQLite file: the seeds, re-ingest, replacement,
/// near-duplicates, full-text search, and batches that fail halfway.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct IngestStoreTests {
  static let seedDates = [
    "000_93c1cc5f74275d85": "2023-06-02", "001_f1c0bbd373b97f9f": "2023-11-16",
    "002_6760033baaf29071": "2021-11-19", "003_2f0b2f2d91abab17": "2024-01-05",
    "004_3366279b8b04299e": "2022-01-05",
  ]

  func ingest(_ paths: [String], into db: String, options: IngestOptions = IngestOptions()) throws -> IngestSummary {
    let store = try SQLiteStore(path: db)
    return try Ingestor(store: store, furniture: try .bundled(), options: options).run(paths: paths)
  }

  @Test func seedFolderIngestsWithManifestDates() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let summary = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    #expect(summary.new == 5)
    #expect(summary.skipped.isEmpty)
    let store = try SQLiteStore(path: dir.file("s.db"))
    let articles = try store.articles()
    #expect(Set(articles.map(\.id)) == Set(Self.seedDates.keys))
    for a in articles {
      #expect(a.published == Self.seedDates[a.id], "\(a.id)")
    }
    // the text is stored unchanged, byte for byte
    for id in Self.seedDates.keys {
      let onDisk = try String(contentsOfFile: TestSupport.shared("corpus/seeds/\(id).txt"), encoding: .utf8)
      #expect(try store.loadArticle(id: id)?.text == onDisk)
    }
    // seed 001 is 3,440 code points and 3,474 bytes
    #expect(try store.article(id: "001_f1c0bbd373b97f9f")?.characters == 3440)
    #expect(try store.article(id: "000_93c1cc5f74275d85")?.url?.hasPrefix("https://english.almayadeen.net") == true)
  }

  @Test func seedJSONLIngestsWithItsDates() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let summary = try ingest([TestSupport.shared("corpus/seeds.jsonl")], into: dir.file("s.db"))
    #expect(summary.new == 5)
    #expect(summary.skipped.isEmpty)
    let store = try SQLiteStore(path: dir.file("s.db"))
    for a in try store.articles() {
      #expect(a.published == Self.seedDates[a.id], "\(a.id)")
    }
    #expect(try store.article(id: "000_93c1cc5f74275d85")?.outlet == "Al Mayadeen English")
  }

  @Test func furnitureIsRecordedInCodePoints() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    _ = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    let store = try SQLiteStore(path: dir.file("s.db"))
    let a000 = try #require(try store.article(id: "000_93c1cc5f74275d85"))
    let kinds000 = a000.furniture?.map(\.kind) ?? []
    #expect(kinds000.filter { $0 == "read-more" }.count == 4)
    #expect(kinds000.filter { $0 == "social-embed" }.count == 2)
    // offsets are code points: slicing the text's scalars gives the span's text
    let scalars = Array(try #require(a000.text).unicodeScalars)
    for f in a000.furniture ?? [] {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[f.start..<f.end])
      #expect(String(view) == f.text)
    }
    #expect(a000.furniture?.first { $0.kind == "read-more" }?.text.hasPrefix("Read more:") == true)

    let a004 = try #require(try store.article(id: "004_3366279b8b04299e"))
    let teaser = a004.furniture?.filter { $0.kind == "check-also" } ?? []
    #expect(teaser.count == 3)  // the "Check Also" line and the teaser's two lines
    #expect(teaser.first?.text == "Check Also")

    // the "date YYYY-MM-DD" line of a plain-text file is furniture, not reporting
    let a001 = try #require(try store.article(id: "001_f1c0bbd373b97f9f"))
    #expect(a001.furniture?.first?.kind == "dateline")
    #expect(a001.furniture?.first?.text.trimmingCharacters(in: .whitespaces) == "date 2023-11-16")
    // ordinary reporting is not furniture
    let a003 = try #require(try store.article(id: "003_2f0b2f2d91abab17"))
    #expect(a003.furniture?.isEmpty == true)
  }

  @Test func reingestIsANoOp() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    _ = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    let before = try SQLiteStore(path: dir.file("s.db")).articles()
    let again = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    #expect(again.new == 0)
    #expect(again.unchanged == 5)
    #expect(again.replaced == 0)
    let after = try SQLiteStore(path: dir.file("s.db")).articles()
    #expect(before == after)  // not even updated_at moves
  }

  @Test func changedContentReplacesAndSaysSo() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    try dir.write("in/report-1.txt", "date 2024-01-02\nA convoy was ambushed near the village of Examplefield on Monday, officials said.\n")
    _ = try ingest([dir.file("in")], into: dir.file("s.db"))
    try dir.write("in/report-1.txt", "date 2024-01-02\nA convoy was ambushed near the town of Sampleton on Monday, officials said.\n")
    let second = try ingest([dir.file("in")], into: dir.file("s.db"))
    #expect(second.replaced == 1)
    #expect(second.replacedIDs == ["report-1"])
    let store = try SQLiteStore(path: dir.file("s.db"))
    #expect(try store.articleCount() == 1)
    #expect(try store.article(id: "report-1")?.version == 2)
    #expect(try store.articles(search: "Examplefield").isEmpty)
    #expect(try store.articles(search: "Sampleton").map(\.id) == ["report-1"])
    #expect(try store.integrityProblems().isEmpty)
  }

  @Test func nearDuplicatesAreLinkedToTheFirstCopy() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let original = try String(contentsOfFile: TestSupport.shared("corpus/seeds/002_6760033baaf29071.txt"), encoding: .utf8)
    // a syndicated copy: other id, other furniture, one sentence reworded, a paragraph dropped
    var paragraphs = original.components(separatedBy: "\n\n")
    paragraphs.remove(at: 3)
    let copy = "Republished with permission\n\n" + paragraphs.joined(separator: "\n\n")
      .replacingOccurrences(of: "Five so-called", with: "Five")
      + "\n\nRead more: another story entirely"
    try dir.write("in/a-original.txt", original)
    try dir.write("in/b-copy.txt", copy)
    try dir.write("in/c-other.txt", try String(contentsOfFile: TestSupport.shared("corpus/seeds/004_3366279b8b04299e.txt"), encoding: .utf8))
    let summary = try ingest([dir.file("in")], into: dir.file("s.db"))
    #expect(summary.nearDuplicates.map(\.article) == ["b-copy"])
    #expect(summary.nearDuplicates.first?.original == "a-original")
    let store = try SQLiteStore(path: dir.file("s.db"))
    #expect(try store.article(id: "b-copy")?.duplicateOf == "a-original")
    #expect(try store.article(id: "a-original")?.copies == ["b-copy"])
    #expect(try store.article(id: "c-other")?.duplicateOf == nil)

    // a later, separate run still finds the copy against what is stored
    try dir.write("later/d-copy.txt", copy + "\nUpdated.")
    let later = try ingest([dir.file("later")], into: dir.file("s.db"))
    #expect(later.nearDuplicates.map(\.original) == ["a-original"])
  }

  @Test func fullTextSearchFindsArticles() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    _ = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    let store = try SQLiteStore(path: dir.file("s.db"))
    #expect(try store.articles(search: "Soleimani").map(\.id) == ["004_3366279b8b04299e"])
    #expect(Set(try store.articles(search: "Fatemiyoun").map(\.id)) == ["001_f1c0bbd373b97f9f", "003_2f0b2f2d91abab17"])
    #expect(try store.articles(search: "Kharab Shaddadi").count == 2)  // all words, any order
    #expect(try store.articles(search: "Solei*").count == 1)  // prefix
    #expect(try store.articles(search: "zzzunknownword").isEmpty)
    // FTS syntax in user input is taken literally, never an error
    #expect(try store.articles(search: "\"unbalanced AND (").isEmpty)
    let hit = try #require(try store.articles(search: "Tanf").first)
    #expect(hit.snippet?.contains("[Tanf]") == true)
  }

  @Test func aBatchThatFailsHalfwayLeavesNothingBehind() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    _ = try ingest([TestSupport.shared("corpus/seeds/004_3366279b8b04299e.txt")], into: dir.file("s.db"))
    struct Crash: Error {}
    let failing = try SQLiteStore(path: dir.file("s.db")) { index in
      if index == 2 { throw Crash() }
    }
    let ingestor = Ingestor(store: failing, furniture: try .bundled())
    #expect(throws: Crash.self) {
      _ = try ingestor.run(paths: [TestSupport.shared("corpus/seeds")])
    }
    let store = try SQLiteStore(path: dir.file("s.db"))
    #expect(try store.articles().map(\.id) == ["004_3366279b8b04299e"])
    #expect(try store.integrityProblems().isEmpty)
    // and the next, healthy run stores everything
    let healthy = try ingest([TestSupport.shared("corpus/seeds")], into: dir.file("s.db"))
    #expect(healthy.new == 4)
    #expect(healthy.unchanged == 1)
  }

  @Test func theIngestLogRecordsRuns() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let store = try SQLiteStore(path: dir.file("s.db"))
    let id = try store.beginRun(inputs: ["a", "b"])
    var outcome = RunOutcome(status: .partial)
    outcome.skipped = [.init(location: "a:3", code: "S106", message: "not JSON")]
    outcome.warnings = ["w"]
    try store.finishRun(id, outcome)
    let runs = try store.runs()
    #expect(runs.count == 1)
    #expect(runs[0].status == "partial")
    #expect(runs[0].skipped == 1)
    #expect(runs[0].inputs == "a\nb")
  }
}
