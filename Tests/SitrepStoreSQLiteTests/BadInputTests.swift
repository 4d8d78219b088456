import Foundation
import SitrepIngest
import SitrepModel
import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// Every kind of bad input is named with its reason, the rest of the run is
/// stored, and nothing stored before changes.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct BadInputTests {
  /// A database holding the seeds, and a snapshot of what it held.
  func seeded(_ dir: Scratch) throws -> (SQLiteStore, [StoredArticle]) {
    let store = try SQLiteStore(path: dir.file("s.db"))
    _ = try Ingestor(store: store, furniture: try .bundled()).run(paths: [TestSupport.shared("corpus/seeds")])
    return (store, try store.articles())
  }

  func run(_ paths: [String], store: SQLiteStore, options: IngestOptions = IngestOptions()) throws -> IngestSummary {
    try Ingestor(store: store, furniture: try .bundled(), options: options).run(paths: paths)
  }

  @Test func eachBadInputIsNamedAndTheRestIsStored() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let (store, before) = try seeded(dir)
    let good = try dir.write("in/good.txt", "date 2024-05-01\nA patrol came under small-arms fire near an example checkpoint on Tuesday, a spokesman said.\n")
    let binary = try dir.write("in/image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0, count: 64))
    let empty = try dir.write("in/empty.txt", "")
    let blank = try dir.write("in/blank.txt", "  \n\n \t\n")
    let brokenUTF8 = try dir.write("in/latin1.txt", Array("Shelling was reported near the caf".utf8) + [0xE9] + Array(" on the main road on Sunday.\n".utf8))
    let jsonl = try dir.write(
      "in/batch.jsonl",
      """
      {"id": "j1", "text": "First report: a rocket landed near an example base.", "published": "2024-05-02"}
      this line is not JSON
      {"id": "j3", "title": "A line without any text"}
      [1, 2, 3]
      {"id": "j5", "text": "Fifth line: a drone was shot down over an example town.", "date": "February 30, 2024"}

      """)
    let notFeed = try dir.write("in/config.xml", "<?xml version=\"1.0\"?><settings><item>1</item></settings>")
    let bomb = try dir.write(
      "in/bomb.xml",
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
       <!ENTITY lol "lol">
       <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
       <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
       <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
       <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
       <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
       <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
       <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
       <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
       <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
      ]>
      <rss version="2.0"><channel><title>&lol9;</title><item><description>&lol9;</description></item></channel></rss>
      """)
    let big = try dir.write("in/big.txt", String(repeating: "An example sentence about nothing in particular. ", count: 30_000))
    let missing = dir.file("in/does-not-exist.txt")

    let summary = try run([dir.file("in"), missing], store: store, options: IngestOptions(maxFileSize: 1_000_000))

    func problem(_ location: String) -> IngestSummary.Problem? {
      summary.skipped.first { $0.location == location }
    }
    #expect(problem(binary)?.code == SitrepError.Code.binary.description)
    #expect(problem(empty)?.code == SitrepError.Code.empty.description)
    #expect(problem(blank)?.code == SitrepError.Code.empty.description)
    #expect(problem("\(jsonl):2")?.code == SitrepError.Code.malformed.description)
    #expect(problem("\(jsonl):3")?.code == SitrepError.Code.missingText.description)
    #expect(problem("\(jsonl):4")?.code == SitrepError.Code.malformed.description)
    #expect(problem(notFeed)?.code == SitrepError.Code.notAFeed.description)
    #expect(problem(bomb)?.code == SitrepError.Code.entityExpansion.description)
    #expect(problem(big)?.code == SitrepError.Code.tooLarge.description)
    #expect(problem(missing)?.code == SitrepError.Code.notFound.description)
    #expect(summary.skipped.count == 10)
    #expect(summary.exitCode == 1)
    // warnings, not failures: replaced bytes, an impossible date
    #expect(summary.warnings.contains { $0.hasPrefix(brokenUTF8) && $0.contains("UTF-8") })
    #expect(summary.warnings.contains { $0.hasPrefix("\(jsonl):5") && $0.contains("February 30") })

    // what was usable is stored
    #expect(summary.new == 4)
    let latin = try #require(try store.article(id: "latin1"))
    #expect(latin.text?.contains("caf\u{FFFD} on the main road") == true)
    #expect(try store.article(id: "j5")?.published == nil)
    #expect(try store.article(id: "j1")?.published == "2024-05-02")
    #expect(try store.article(id: "good") != nil)
    _ = good

    // and nothing stored before changed
    let after = try store.articles()
    for old in before {
      #expect(after.first { $0.id == old.id } == old)
    }
    #expect(try store.integrityProblems().isEmpty)
  }

  @Test func aMissingPathAloneStoresNothingAndSaysWhy() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let (store, before) = try seeded(dir)
    let summary = try run([dir.file("nope")], store: store)
    #expect(summary.skipped.map(\.code) == [SitrepError.Code.notFound.description])
    #expect(try store.articles() == before)
  }
}
