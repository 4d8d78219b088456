import ArgumentParser
import Dispatch
import Foundation
import SitrepExtract
import SitrepLexicon
import SitrepModel
import SitrepPipeline
import SitrepStoreSQLite
import Synchronization

extension Duration {
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }
}

struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Extract events from stored articles (ingest already does this for new and changed ones).",
    discussion: """
      Without arguments, extracts articles not yet extracted by this version of Sitrep.
      --all re-extracts everything. --explain ID prints, for one article, the events found and
      every incident mention that was rejected, with the rule and the reason.
      """)

  @OptionGroup var store: StoreOptions

  @Flag(help: "Re-extract every stored article.")
  var all = false

  @Option(help: ArgumentHelp("Show the events and the rejected mentions of one article.", valueName: "ARTICLE-ID"))
  var explain: String?

  func run() throws {
    let db = try openExisting(store.db)
    if let id = explain {
      guard try db.article(id: id) != nil else {
        throw ValidationError("no article with id '\(id)' in \(store.db) (sitrep articles lists them)")
      }
      try ExtractionDriver(store: db).run(ids: [id])
      let events = try db.eventIDs(article: id)
      print("Article \(id): \(events.count) event(s)")
      for e in events {
        if let x = try db.explain(eventID: e) {
          print("  \(e)  \(x.event.date)  \(x.event.eventType) / \(x.event.subEventType) at \(x.event.location.name)")
        }
      }
      let rejected = try db.diagnostics(article: id)
      print("Rejected or unresolved (\(rejected.count)):")
      for d in rejected {
        print("  [\(d.rule)] \(d.field)")
        print("      “\(d.text.replacingOccurrences(of: "\n", with: " ").prefix(220))”")
      }
      return
    }
    let totals = try ExtractionDriver(store: db).run(all: all)
    FileHandle.standardError.write(
      Data(
        String(
          format: "Extracted %d article(s): %d event(s), %d rejected mention(s) in %.2f s\n", totals.articles,
          totals.events, totals.rejected, totals.seconds
        ).utf8))
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show an event's fields with the words that support each, and the rule that fired.")

  @Argument(help: "The event id (evt-000123).")
  var eventID: String

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let db = try openExisting(store.db)
    guard let x = try db.explain(eventID: eventID) else {
      throw ValidationError("no event '\(eventID)' in \(store.db) (sitrep export lists them)")
    }
    if json {
      try printJSON(x)
      return
    }
    let e = x.event
    print("\(e.id): \(e.summary)")
    print("  event_type      \(e.eventType) / \(e.subEventType)")
    print("  date            \(e.date) (\(e.datePrecision))")
    let coords = e.location.lat.map { String(format: " (%.4f, %.4f)", $0, e.location.lon ?? 0) } ?? ""
    print("  location        \(e.location.name), \(e.location.country ?? "?")\(coords), precision \(e.location.precision)")
    print("  actor1          \(e.actor1?.name ?? "-")")
    print("  actor2          \(e.actor2?.name ?? "-")")
    print("  weapons         \(e.weapons.isEmpty ? "-" : e.weapons.joined(separator: ", "))")
    print("  fatalities      \(e.fatalities.map(String.init) ?? "not stated")")
    print("  injuries        \(e.injuries.map(String.init) ?? "not stated")")
    print("  certainty       \(e.certainty)")
    print("  background      \(e.background)")
    print("Evidence:")
    for item in x.evidence {
      print("  \(item.field.padding(toLength: 15, withPad: " ", startingAt: 0)) “\(item.text.replacingOccurrences(of: "\n", with: " ").prefix(120))”  [\(item.rule)] \(item.document):\(item.start)-\(item.end)")
    }
    if !x.casualtyClaims.isEmpty {
      print("Casualty figures (the event keeps the lowest):")
      for c in x.casualtyClaims { print("  \(c.field)  “\(c.text)”  [\(c.rule)]") }
    }
    if !e.contradictions.isEmpty {
      print("Sources disagree:")
      for c in e.contradictions {
        print("  \(c.field): " + c.claims.map { "\($0.value) (\($0.document))" }.joined(separator: " vs "))
      }
    }
    if x.reports.count > 1 {
      print("Merged from \(x.reports.count) reports (\(e.sourceCount) distinct source(s)):")
      for r in x.reports {
        print("  report \(r.report) in \(r.document): \(r.date), \(r.subEventType) at \(r.location) (\(r.precision))\(r.actor1.map { ", by \($0)" } ?? "")")
      }
      print("Why they are one incident:")
      for line in x.resolution { print("  " + line) }
      print("  (an analyst can undo this: sitrep split \(e.id) --source ARTICLE)")
    }
    if !x.reviews.isEmpty {
      print("Analyst decisions:")
      for r in x.reviews {
        print("  \(r.at) \(r.who) \(r.action): \(r.before ?? "") → \(r.after ?? "")\(r.note.map { " — \($0)" } ?? "")")
      }
    }
    print("Sources:")
    for s in e.sources {
      print("  \(s.document) \(s.start)-\(s.end)\(s.reportedBy.map { " (reported by \($0))" } ?? "")")
      print("    “\(s.text.replacingOccurrences(of: "\n", with: " "))”")
    }
  }
}
