import ArgumentParser
import Foundation
import SitrepExport
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

/// The filters `events`, `contradictions`, `export` and `report` share.
struct FilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).", valueName: "DATE"))
  var since: String?

  @Option(help: ArgumentHelp("Events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).", valueName: "DATE"))
  var until: String?

  @Option(name: .customLong("country"), help: ArgumentHelp("ISO code or name (SY, Syria); repeat or comma-separate.", valueName: "COUNTRY"))
  var countries: [String] = []

  @Option(help: ArgumentHelp("Events within --radius of this place (a gazetteer name).", valueName: "PLACE"))
  var near: String?

  @Option(help: ArgumentHelp("Kilometres around --near (default 25).", valueName: "KM"))
  var radius: Double?

  @Option(name: .customLong("type"), help: ArgumentHelp("ACLED event type; repeat or comma-separate.", valueName: "TYPE"))
  var types: [String] = []

  @Option(name: .customLong("sub-type"), help: ArgumentHelp("ACLED sub-event type; repeat or comma-separate.", valueName: "SUB-TYPE"))
  var subTypes: [String] = []

  @Option(name: .customLong("actor"), help: ArgumentHelp("Actor name, alias or id; includes the actor's units and members.", valueName: "NAME"))
  var actors: [String] = []

  @Option(name: .customLong("weapon"), help: ArgumentHelp("Weapon type (drone, rocket, …); repeat or comma-separate.", valueName: "WEAPON"))
  var weapons: [String] = []

  @Option(help: ArgumentHelp("Events with at least this many fatalities.", valueName: "N"))
  var minFatalities: Int?

  @Option(name: .customLong("certainty"), help: ArgumentHelp("confirmed, reported, alleged, claimed or disputed.", valueName: "LEVEL"))
  var certainties: [String] = []

  @Option(help: ArgumentHelp("Words that must all occur in the event's evidence (a trailing * matches a prefix).", valueName: "WORDS"))
  var text: String?

  @Flag(inversion: .prefixedNo, help: "Only background incidents (--background) or none (--no-background).")
  var background: Bool?

  @Flag(help: "Include events an analyst rejected.")
  var includeRejected = false

  var input: EventFilterParser.Input {
    var i = EventFilterParser.Input()
    i.since = since
    i.until = until
    i.countries = countries
    i.near = near
    i.radius = radius
    i.types = types
    i.subTypes = subTypes
    i.actors = actors
    i.weapons = weapons
    i.minFatalities = minFatalities
    i.certainties = certainties
    i.text = text
    i.background = background
    i.includeRejected = includeRejected
    return i
  }

  /// The filter, or a usage error listing the valid values.
  func filter(store: SQLiteStore, limit: Int? = nil, offset: Int? = nil) throws -> EventFilter {
    var i = input
    i.limit = limit
    i.offset = offset
    do {
      let lexicon = try Lexicon.bundled().adding(places: store.importedPlaces())
      return try EventFilterParser(lexicon: lexicon).parse(i)
    } catch let error as SitrepError where error.code == .invalidArgument {
      throw ValidationError(error.message)
    }
  }
}

struct Events: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List events, filtered.",
    discussion: """
      Events are listed newest first. A date filter keeps events whose dates overlap the range (an event
      known only to the month is kept when the month overlaps). --actor includes the actor's units and
      members: --actor "Iran-backed militias" finds Kata'ib Hezbollah. --json prints an array of objects with
      the keys id, date, date_precision, event_type, sub_event_type, location, country, admin1, lat, lon,
      precision, actor1, actor2, weapons, fatalities, injuries, certainty, background, source_count,
      contradictions and summary; --csv the same columns. `sitrep explain ID` shows one event with its evidence.
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Show at most this many (default 100 in the table, all with --json or --csv; 0 for all).")
  var limit: Int?

  @Option(help: "Skip this many first.")
  var offset: Int = 0

  @Flag(help: "Print JSON.")
  var json = false

  @Flag(help: "Print CSV.")
  var csv = false

  func validate() throws {
    if json && csv { throw ValidationError("give --json or --csv, not both") }
  }

  func run() throws {
    let db = try openExisting(store.db)
    let wanted = limit ?? (json || csv ? nil : 100)
    let filter = try filters.filter(store: db, limit: wanted == 0 ? nil : wanted, offset: offset)
    let rows = try db.events(matching: filter)
    if json { return try printJSON(rows) }
    if csv { return printEventCSV(rows) }
    let total = try db.countEvents(matching: filter)
    printEventTable(rows)
    if total == 0 {
      print("No events match (\(filter.summary)).")
    } else if rows.count < total {
      print("\(rows.count) of \(total) events shown (\(filter.summary)); --limit 0 shows all.")
    } else {
      print("\(total) event(s) (\(filter.summary)).")
    }
  }
}

struct Contradictions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List events whose sources disagree, with every claim and its source.",
    discussion: """
      Sources disagree on casualties, the date, the place, the perpetrator, or whether the incident happened
      at all (a denial). The event keeps the conservative figure (the lowest casualty count a source states);
      every claim is listed here with the article that makes it. Takes the filters of `sitrep events`.
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var filters: FilterOptions

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let db = try openExisting(store.db)
    var filter = try filters.filter(store: db)
    let scope = filter.summary
    filter.contradictedOnly = true
    let rows = try db.events(matching: filter)
    if json { return try printJSON(rows) }
    if rows.isEmpty {
      print("No event's sources disagree (\(scope)).")
      return
    }
    for r in rows {
      print("\(r.id)  \(r.date)  \(r.subEventType) at \(r.location)")
      for c in r.contradictions {
        print("  \(c.field):")
        for claim in c.claims { print("    \(claim.value.padding(toLength: 24, withPad: " ", startingAt: 0)) \(claim.document)") }
      }
    }
    print("\(rows.count) event(s) with disagreeing sources.")
  }
}

func printEventTable(_ rows: [EventRow]) {
  guard !rows.isEmpty else { return }
  func cell(_ s: String, _ width: Int) -> String {
    let t = s.count > width ? String(s.prefix(width - 1)) + "…" : s
    return t.padding(toLength: width, withPad: " ", startingAt: 0)
  }
  print([cell("ID", 10), cell("DATE", 10), cell("TYPE", 28), cell("PLACE", 24), cell("ACTOR1", 26), cell("ACTOR2", 20), "KILLED", " SRC"].joined(separator: " "))
  for r in rows {
    let killed = r.fatalities.map(String.init) ?? "-"
    print(
      [
        cell(r.id, 10), cell(r.date, 10), cell(r.subEventType, 28), cell(r.location + (r.country.map { ", \($0)" } ?? ""), 24),
        cell(r.actor1 ?? "-", 26), cell(r.actor2 ?? "-", 20), killed.padding(toLength: 6, withPad: " ", startingAt: 0),
        String(format: "%4d", r.sourceCount) + (r.contradictions.isEmpty ? "" : " !") + (r.background ? " (bg)" : ""),
      ].joined(separator: " "))
  }
}

func printEventCSV(_ rows: [EventRow]) {
  let header = [
    "id", "date", "date_precision", "event_type", "sub_event_type", "location", "country", "admin1", "lat", "lon",
    "precision", "actor1", "actor2", "weapons", "fatalities", "injuries", "certainty", "background", "source_count",
    "contradictions", "summary",
  ]
  var out = CSV.line(header)
  for r in rows {
    out += CSV.line([
      r.id, r.date, r.datePrecision, r.eventType, r.subEventType, r.location, r.country ?? "", r.admin1 ?? "",
      r.lat.map { String(format: "%.5f", $0) } ?? "", r.lon.map { String(format: "%.5f", $0) } ?? "", r.precision,
      r.actor1 ?? "", r.actor2 ?? "", r.weapons.joined(separator: "; "), r.fatalities.map(String.init) ?? "",
      r.injuries.map(String.init) ?? "", r.certainty, r.background ? "true" : "false", String(r.sourceCount),
      r.contradictions.map(\.field).joined(separator: "; "), r.summary,
    ])
    if out.utf8.count > 1 << 16 {
      print(out, terminator: "")
      out = ""
    }
  }
  print(out, terminator: "")
}
