import ArgumentParser
import Foundation
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

struct Gazetteer: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Extend the gazetteer with places from GeoNames.",
    subcommands: [GazetteerImport.self])
}

struct GazetteerImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a GeoNames dump (cities5000.txt, SY.txt, …) into the database's gazetteer.",
    discussion: """
      Reads the GeoNames tab-separated format (19 columns); admin1 names come from admin1CodesASCII.txt
      beside the file when present. Imported places add to the bundled gazetteer for every later
      extraction; run 'sitrep extract --all' to re-read stored articles with them.
      GeoNames data is CC BY 4.0: attribute GeoNames where you show it.
      """)

  @Argument(help: "The GeoNames file.")
  var file: String

  @Option(help: "Only these countries (ISO codes, comma-separated), e.g. SY,IQ.")
  var countries: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    let filter = Set((countries ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })
    let (places, problems) = try GeoNamesReader.read(URL(fileURLWithPath: file), countries: filter)
    let db = try SQLiteStore(path: store.db)
    let n = try db.importPlaces(places, source: (file as NSString).lastPathComponent)
    var err = StandardError()
    print("Imported \(n) place(s) from \(file) into \(store.db); skipped \(problems.count) malformed line(s).", to: &err)
    for p in problems.prefix(10) { print("  skipped: \(p)", to: &err) }
    if !problems.isEmpty { throw ExitCode(1) }
  }
}
