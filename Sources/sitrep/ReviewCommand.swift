import ArgumentParser
import Foundation
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
