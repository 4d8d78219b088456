import Foundation
import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// The `sitrep` executable as a user runs it.
@Suite(.serialized)
struct CLITests {
  @Test func ingestTheExamplesThenListAndShow() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("x.db")
    let examples = TestSupport.packageRoot.appendingPathComponent("Examples").path
    let ingest = try TestSupport.runSitrep(["ingest", examples, "--db", db])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    #expect(ingest.stderr.contains("new 8"))
    #expect(ingest.stderr.contains("near-duplicates 1"))
    // no terminal: a summary but no progress line
    #expect(!ingest.stderr.contains("\u{1B}[2K"))

    let list = try TestSupport.runSitrep(["articles", "--db", db, "--json"])
    #expect(list.status == 0)
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 8)
    let ids = Set(rows.compactMap { $0["id"] as? String })
    #expect(ids.contains("example-tanf-drone"))
    #expect(ids.contains("https://example.org/baghdad-mortar"))  // a feed item keyed by its guid
    #expect(ids.contains("example-page"))
    let copy = rows.first { $0["id"] as? String == "example-copy-of-deir-ezzor" }
    #expect(copy?["duplicate_of"] as? String == "example-deir-ezzor-rockets")
    let tanf = rows.first { $0["id"] as? String == "example-tanf-drone" }
    #expect(tanf?["published"] as? String == "2024-03-14")
    #expect(tanf?["outlet"] as? String == "Example Wire")

    let search = try TestSupport.runSitrep(["articles", "--db", db, "--search", "Conoco"])
    #expect(search.status == 0)
    #expect(search.stdout.contains("example-deir-ezzor-rockets"))
    #expect(!search.stdout.contains("example-tanf-drone"))

    let show = try TestSupport.runSitrep(["show", "example-tanf-drone", "--db", db])
    #expect(show.status == 0)
    #expect(show.stdout.contains("⟦read-more: Read more:"))
    #expect(show.stdout.contains("⟦dateline: date 2024-03-14⟧"))

    let showJSON = try TestSupport.runSitrep(["show", "example-page", "--db", db, "--json"])
    let page = try #require(try JSONSerialization.jsonObject(with: Data(showJSON.stdout.utf8)) as? [String: Any])
    let text = try #require(page["text"] as? String)
    #expect(text.contains("An air strike hit a building"))
    #expect(!text.contains("should not appear"))
    #expect(page["published"] as? String == "2024-02-20T16:45:00Z")

    let missing = try TestSupport.runSitrep(["show", "no-such-id", "--db", db])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("no-such-id"))

    let runs = try TestSupport.runSitrep(["runs", "--db", db, "--json"])
    #expect(runs.stdout.contains("\"status\" : \"ok\""))
  }

  @Test func exitCodesSayWhatHappened() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("x.db")
    try dir.write("in/ok.txt", "A roadside bomb hit a vehicle near an example crossing on Friday, police said.")
    try dir.write("in/bad.jsonl", "{not json}\n")
    let partial = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", db])
    #expect(partial.status == 1)
    #expect(partial.stderr.contains("bad.jsonl:1"))
    #expect(partial.stderr.contains("skipped 1"))

    let again = try TestSupport.runSitrep(["ingest", dir.file("in/ok.txt"), "--db", db])
    #expect(again.status == 0)
    #expect(again.stderr.contains("unchanged 1"))

    let usage = try TestSupport.runSitrep(["ingest", "--db", db])
    #expect(usage.status == 2)
    let badOption = try TestSupport.runSitrep(["ingest", dir.file("in"), "--max-file-size", "-3"])
    #expect(badOption.status == 2)

    let noDB = try TestSupport.runSitrep(["articles", "--db", dir.file("missing.db")])
    #expect(noDB.status != 0)
    #expect(noDB.stderr.contains("no database"))

    try dir.write("not-a-db.db", "this is plain text, not SQLite at all, and long enough to be a header............")
    let wrong = try TestSupport.runSitrep(["articles", "--db", dir.file("not-a-db.db")])
    #expect(wrong.status != 0)
    #expect(wrong.stderr.contains("not a Sitrep database") || wrong.stderr.contains("not a database"))
  }

  @Test(.enabled(if: TestSupport.hasShared, "needs ../shared/data/news"))
  func killedMidIngestLeavesAConsistentDatabase() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("x.db")
    let process = Process()
    process.executableURL = TestSupport.sitrepExecutable
    process.arguments = ["ingest", TestSupport.shared("data/news/articles.jsonl"), "--db", db, "--batch-size", "100"]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // wait until some batches are committed, then kill it without warning
    let deadline = Date().addingTimeInterval(60)
    var stored = 0
    while Date() < deadline && process.isRunning {
      Thread.sleep(forTimeInterval: 0.2)
      if FileManager.default.fileExists(atPath: db), let store = try? SQLiteStore(path: db) {
        stored = (try? store.articleCount()) ?? 0
        if stored >= 300 { break }
      }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let store = try SQLiteStore(path: db)
    #expect(try store.integrityProblems().isEmpty)
    let count = try store.articleCount()
    #expect(count >= 300)
    #expect(count % 100 == 0, "a batch was half-written: \(count) articles")
    // and ingest can simply be run again to finish the job
    let resumed = try TestSupport.runSitrep(["ingest", TestSupport.shared("data/news/articles.jsonl"), "--db", db])
    #expect(resumed.status == 0, "\(resumed.stderr.suffix(500))")
    #expect(try store.articleCount() == 24_104)
    #expect(resumed.stderr.contains("unchanged \(count)"))
  }
}
