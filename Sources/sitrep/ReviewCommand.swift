import ArgumentParser
import Foundation
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

/// Who an analyst action is recorded as.
struct AnalystOption: ParsableArguments {
  @Option(help: ArgumentHelp("Who takes the decision (default: $USER).", valueName: "NAME"))
  var analyst: String?

  @Option(help: "Why (kept in the audit log).")
  var note: String?

  var who: String { analyst ?? ProcessInfo.processInfo.environment["USER"] ?? "analyst" }
}

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge two events an analyst knows are one incident.",
    discussion: """
      The decision is stored with the reports it concerns, so later ingests and re-extraction keep it, and is
      logged (who, when, before, after). The older event id survives. Undo with `sitrep split`.
      """)

  @Argument(help: "The two event ids.")
  var events: [String]

  @OptionGroup var store: StoreOptions
  @OptionGroup var analyst: AnalystOption

  func validate() throws {
    if events.count != 2 { throw ValidationError("give exactly two event ids") }
  }

  func run() throws {
    let db = try openExisting(store.db)
    do {
      let id = try db.merge(events: events[0], events[1], analyst: analyst.who, note: analyst.note)
      print("Merged \(events[0]) and \(events[1]) into \(id).")
    } catch let error as SitrepError where error.code == .invalidArgument || error.code == .notFound {
      throw ValidationError(error.message)
    }
  }
}

struct Split: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split one source article's report off an event.",
    discussion: """
      The article's report is kept apart from the event's other reports from now on (also after re-extraction)
      and becomes an event of its own. The decision is logged. Undo with `sitrep merge`.
      """)

  @Argument(help: "The event id.")
  var event: String

  @Option(help: ArgumentHelp("The article whose report is not part of the event.", valueName: "ARTICLE-ID"))
  var source: String

  @OptionGroup var store: StoreOptions
  @OptionGroup var analyst: AnalystOption

  func run() throws {
    let db = try openExisting(store.db)
    do {
      let id = try db.split(event: event, article: source, analyst: analyst.who, note: analyst.note)
      print("Split \(source) off \(event): its report is now \(id).")
    } catch let error as SitrepError where error.code == .invalidArgument || error.code == .notFound {
      throw ValidationError(error.message)
    }
  }
}

struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Confirm or reject an event, or set its fields, as an analyst.",
    discussion: """
      --set FIELD=VALUE sets a field (\(EventOverrides.fields.joined(separator: ", "))); values are checked:
      a sub-event type of the taxonomy, a date YYYY[-MM[-DD]], a gazetteer place, an actor name or 'none', a
      count or 'unknown', a certainty, true/false. --unset FIELD lets the sources decide again. The analyst's
      values and verdict win over extraction and survive re-extraction. Rejected events are left out of
      events, exports and reports. Every change is logged (who, when, before, after): see `sitrep explain`.
      """)

  @Argument(help: "The event id.")
  var event: String

  @Flag(help: "Mark the event confirmed.")
  var confirm = false

  @Flag(help: "Mark the event rejected (not a real incident).")
  var reject = false

  @Flag(help: "Clear the verdict.")
  var reopen = false

  @Option(name: .customLong("set"), help: ArgumentHelp("Set a field.", valueName: "FIELD=VALUE"))
  var sets: [String] = []

  @Option(name: .customLong("unset"), help: ArgumentHelp("Unset a field.", valueName: "FIELD"))
  var unsets: [String] = []

  @OptionGroup var store: StoreOptions
  @OptionGroup var analyst: AnalystOption

  func validate() throws {
    if [confirm, reject, reopen].filter({ $0 }).count > 1 { throw ValidationError("give one of --confirm, --reject, --reopen") }
    if !confirm && !reject && !reopen && sets.isEmpty && unsets.isEmpty {
      throw ValidationError("nothing to do: give --confirm, --reject, --reopen, --set FIELD=VALUE or --unset FIELD")
    }
    for s in sets where !s.contains("=") { throw ValidationError("--set takes FIELD=VALUE, not '\(s)'") }
  }

  func run() throws {
    let db = try openExisting(store.db)
    do {
      var changes: [(field: String, value: String?)] = sets.map { s in
        let i = s.firstIndex(of: "=")!
        return (String(s[..<i]).trimmingCharacters(in: .whitespaces), String(s[s.index(after: i)...]))
      }
      changes += unsets.map { ($0, nil) }
      if !changes.isEmpty {
        let r = try db.edit(
          event: event, set: changes, lexicon: try Lexicon.bundled().adding(places: db.importedPlaces()), analyst: analyst.who,
          note: analyst.note)
        print("\(r.id): \(r.summary)")
      }
      if confirm || reject || reopen {
        try db.review(event: event, status: confirm ? "confirmed" : reject ? "rejected" : nil, analyst: analyst.who, note: analyst.note)
        print("\(event) \(confirm ? "confirmed" : reject ? "rejected" : "reopened").")
      }
    } catch let error as SitrepError where error.code == .invalidArgument || error.code == .notFound {
      throw ValidationError(error.message)
    }
  }
}
