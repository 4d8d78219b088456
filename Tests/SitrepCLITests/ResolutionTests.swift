import Foundation
import SitrepTestSupport
import Testing

/// One event per incident across articles: merging, stable ids, order
/// independence, contradictions, syndicated copies. Texts written for these tests.
@Suite(.serialized)
struct ResolutionTests {
  static let reports: [(String, String)] = [
    ("a-wire.txt", "date 2024-02-20\nTwo rockets struck near the Conoco gas field in Deir ez-Zor province on Monday, killing one guard, officials said.\n"),
    ("b-monitor.txt", "date 2024-02-21\nA war monitor said rockets hit the Conoco field base in Deir ez-Zor on Monday, killing two guards.\n"),
    ("c-other.txt", "date 2024-02-21\nGuards shot down a drone on Tuesday close to Ain al-Asad air base, a US official said.\n"),
  ]

  func events(_ db: String) throws -> [[String: Any]] {
    let out = try TestSupport.runSitrep(["export", "--db", db])
    return try out.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// Writes these reports into `dir/in` and ingests them.
  func ingest(_ reports: some Sequence<(String, String)>, in dir: Scratch, db: String) throws {
    for (name, text) in reports { try dir.write("in/" + name, text) }
    let r = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
  }

  func signature(_ e: [String: Any]) -> String {
    let loc = e["location"] as? [String: Any] ?? [:]
    let docs = ((e["sources"] as? [[String: Any]]) ?? []).compactMap { $0["document"] as? String }.sorted()
    return "\(e["date"] ?? "")|\(e["sub_event_type"] ?? "")|\(loc["name"] ?? "")|\(e["fatalities"] ?? "nil")|\(docs)"
  }

  @Test func reportsOfOneIncidentBecomeOneEventWithStableIdAndContradictions() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("r.db")
    try dir.write("1/" + Self.reports[0].0, Self.reports[0].1)
    try dir.write("2/" + Self.reports[1].0, Self.reports[1].1)
    _ = try TestSupport.runSitrep(["ingest", dir.file("1"), "--db", db])
    let first = try events(db)
    #expect(first.count == 1)
    let id = try #require(first.first?["id"] as? String)

    _ = try TestSupport.runSitrep(["ingest", dir.file("2"), "--db", db])
    let merged = try events(db)
    #expect(merged.count == 1, "\(merged.map(signature))")
    let e = try #require(merged.first)
    #expect(e["id"] as? String == id)  // the event keeps its id as sources are added
    #expect((e["sources"] as? [Any])?.count == 2)
    #expect(e["source_count"] as? Int == 2)
    #expect(e["fatalities"] as? Int == 1)  // the lowest stated figure
    let contradictions = try #require(e["contradictions"] as? [[String: Any]])
    #expect(contradictions.contains { $0["field"] as? String == "fatalities" })

    let explain = try TestSupport.runSitrep(["explain", id, "--db", db])
    #expect(explain.stdout.contains("Merged from 2 reports"))
    #expect(explain.stdout.contains("fatalities: 1 (a-wire) vs 2 (b-monitor)"))
  }

  @Test func ingestionOrderDoesNotChangeTheEvents() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    for (name, text) in Self.reports {
      try dir.write("all/" + name, text)
    }
    // forwards, one file per run
    for (name, _) in Self.reports {
      _ = try TestSupport.runSitrep(["ingest", dir.file("all/" + name), "--db", dir.file("fwd.db")])
    }
    // backwards
    for (name, _) in Self.reports.reversed() {
      _ = try TestSupport.runSitrep(["ingest", dir.file("all/" + name), "--db", dir.file("bwd.db")])
    }
    let forwards = try events(dir.file("fwd.db")).map(signature).sorted()
    let backwards = try events(dir.file("bwd.db")).map(signature).sorted()
    #expect(forwards.count == 2)
    #expect(forwards == backwards)
  }

  @Test func syndicatedCopiesCountAsOneSource() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let body = "Two rockets struck near the Conoco gas field in Deir ez-Zor province on Monday, killing one guard, officials said. "
      + "The attack was the latest in a series on coalition positions in eastern Syria, where a small number of troops remain, and no group said it was behind it."
    try dir.write("in/original.txt", "date 2024-02-20\n" + body + "\n")
    try dir.write("in/copy.txt", "date 2024-02-21\n" + body + "\nRead more: another story\n")
    let ingest = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", dir.file("c.db")])
    #expect(ingest.stderr.contains("near-duplicates 1"))
    let all = try events(dir.file("c.db"))
    #expect(all.count == 1)
    #expect(all.first?["source_count"] as? Int == 1)
    let documents = Set(((all.first?["sources"] as? [[String: Any]]) ?? []).compactMap { $0["document"] as? String })
    #expect(documents == ["original", "copy"])
  }

  @Test func analystSplitAndMergeAreKeptAndReversible() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("a.db")
    try ingest(Self.reports.prefix(2), in: dir, db: db)
    let merged = try events(db)
    #expect(merged.count == 1)
    let id = try #require(merged.first?["id"] as? String)

    // not a source, or the only source: refused, nothing changes
    let wrong = try TestSupport.runSitrep(["split", id, "--source", "nope", "--db", db])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("its sources are: a-wire, b-monitor"))

    let split = try TestSupport.runSitrep(["split", id, "--source", "b-monitor", "--analyst", "kim", "--note", "different attack", "--db", db])
    #expect(split.status == 0, "\(split.stderr)")
    var now = try events(db)
    #expect(now.count == 2)
    #expect(now.contains { $0["id"] as? String == id && ($0["sources"] as? [Any])?.count == 1 })
    #expect(now.allSatisfy { ($0["contradictions"] as? [Any])?.isEmpty ?? true })

    // re-extraction never undoes the analyst's decision
    _ = try TestSupport.runSitrep(["extract", "--all", "--db", db])
    now = try events(db)
    #expect(now.count == 2)
    let other = try #require(now.first { $0["id"] as? String != id }?["id"] as? String)

    let explain = try TestSupport.runSitrep(["explain", id, "--db", db])
    #expect(explain.stdout.contains("kim split"))
    #expect(explain.stdout.contains("different attack"))

    // merging again restores the one event with its first id
    let merge = try TestSupport.runSitrep(["merge", other, id, "--analyst", "kim", "--db", db])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(merge.stdout.contains("into \(id)"))
    now = try events(db)
    #expect(now.count == 1)
    #expect(now.first?["id"] as? String == id)
    #expect((now.first?["sources"] as? [Any])?.count == 2)
    _ = try TestSupport.runSitrep(["extract", "--all", "--db", db])
    #expect(try events(db).count == 1)
    let after = try TestSupport.runSitrep(["explain", id, "--db", db])
    #expect(after.stdout.contains("an analyst merged them"))
  }

  @Test func contradictionsAreListedWithTheirSources() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("c.db")
    try ingest(Self.reports, in: dir, db: db)
    let out = try TestSupport.runSitrep(["contradictions", "--db", db])
    #expect(out.status == 0)
    #expect(out.stdout.contains("fatalities:"))
    #expect(out.stdout.contains("a-wire"))
    #expect(out.stdout.contains("b-monitor"))
    #expect(out.stdout.contains("1 event(s) with disagreeing sources."))
    #expect(!out.stdout.contains("c-other"))
  }

  @Test func analystVerdictsAndFieldValuesWinAndSurviveReExtraction() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("v.db")
    try ingest(Self.reports.prefix(2), in: dir, db: db)
    let id = try #require(try events(db).first?["id"] as? String)

    // a bad value changes nothing, and says what is valid
    let bad = try TestSupport.runSitrep(["review", id, "--set", "fatalities=3", "--set", "location=Atlantis", "--db", db])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("'Atlantis' is not in the gazetteer"))
    #expect(try events(db).first?["fatalities"] as? Int == 1)
    let type = try TestSupport.runSitrep(["review", id, "--set", "sub_event_type=Bombing", "--db", db])
    #expect(type.stderr.contains("Air/drone strike"))

    let ok = try TestSupport.runSitrep([
      "review", id, "--set", "fatalities=3", "--set", "actor1=Kataib Hezbollah", "--confirm", "--analyst", "kim", "--db", db,
    ])
    #expect(ok.status == 0, "\(ok.stderr)")
    _ = try TestSupport.runSitrep(["extract", "--all", "--db", db])
    var e = try #require(try events(db).first)
    #expect(e["fatalities"] as? Int == 3)
    #expect((e["actor1"] as? [String: Any])?["id"] as? String == "kataib-hezbollah")
    #expect(e["review"] as? String == "confirmed")
    // the actor filter sees the analyst's actor
    let byActor = try TestSupport.runSitrep(["events", "--db", db, "--actor", "Iran-backed militias", "--json"])
    #expect(byActor.stdout.contains(id))

    _ = try TestSupport.runSitrep(["review", id, "--unset", "fatalities", "--reject", "--db", db])
    #expect(try events(db).isEmpty)  // rejected events are left out of exports
    let all = try TestSupport.runSitrep(["export", "--db", db, "--include-rejected"])
    e = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
    #expect(e["fatalities"] as? Int == 1)  // back to the sources' figure
    #expect(e["review"] as? String == "rejected")
    let log = try TestSupport.runSitrep(["explain", id, "--db", db])
    #expect(log.stdout.contains("kim edit fatalities: 1 → 3"))
    #expect(log.stdout.contains("reject: confirmed → rejected"))
  }
}
