import Foundation
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite
import SitrepTestSupport
import SitrepText
import Testing

/// `sitrep gazetteer import` on the real GeoNames extract, and what it changes for extraction.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/data/geonames"))
struct GazetteerImportTests {
  /// A town of Iraq or Syria in the GeoNames file that the bundled gazetteer does not know.
  func unknownTown() throws -> (name: String, country: String) {
    let lexicon = try Lexicon.bundled()
    let known = Set(lexicon.places.map { $0.name.lowercased() })
    let text = try String(contentsOfFile: TestSupport.shared("data/geonames/cities5000_middle_east.txt"), encoding: .utf8)
    for line in text.split(separator: "\n") {
      let c = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard c.count > 14, ["IQ", "SY"].contains(String(c[8])), (Int(c[14]) ?? 0) > 20_000 else { continue }
      let name = String(c[2])  // ASCII name
      guard name.allSatisfy({ $0.isLetter && $0.isASCII }), !known.contains(name.lowercased()) else { continue }
      let doc = Document(id: "probe", text: "Rockets struck \(name) on Monday.", published: nil)
      let matcher = lexicon.placeLooseMatcher
      let d = tokenized(doc)
      let hits = (matcher.matches(in: d) + lexicon.placeMatcher.matches(in: d)).filter { $0.tokens.contains(2) }
      if hits.isEmpty {
        return (name, String(c[8]))
      }
    }
    throw SitrepError(.notFound, "no unknown town found")
  }

  func tokenized(_ doc: Document) -> Document {
    var d = doc
    Tokenizer().tokenize(&d)
    return d
  }

  @Test func importedPlacesGeocodeLaterExtraction() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let db = dir.file("g.db")
    let town = try unknownTown()
    try dir.write("in/report.txt", "date 2022-01-05\nRockets struck \(town.name) on Monday, killing two policemen, officials said.\n")

    let imported = try TestSupport.runSitrep(["gazetteer", "import", TestSupport.shared("data/geonames/cities5000_middle_east.txt"), "--db", db])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("Imported 1863 place(s)"))
    let places = try SQLiteStore(path: db).importedPlaces()
    #expect(places.count == 1863)
    // admin1 names come from admin1CodesASCII.txt beside the file
    #expect(places.contains { $0.place.country == "SY" && $0.place.admin1 == "Homs" })

    let ingest = try TestSupport.runSitrep(["ingest", dir.file("in"), "--db", db])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let out = try TestSupport.runSitrep(["export", "--db", db])
    let firstLine = String(out.stdout.split(separator: "\n").first ?? "")
    let object = try JSONSerialization.jsonObject(with: Data(firstLine.utf8))
    let event = try #require(object as? [String: Any])
    let location = try #require(event["location"] as? [String: Any])
    #expect(location["name"] as? String == town.name)
    #expect(location["country"] as? String == town.country)
    #expect(location["precision"] as? String == "locality")
  }

  @Test func aFileThatIsNotGeoNamesIsRefused() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let bad = try dir.write("not-geonames.txt", (1...30).map { "line \($0) of something else" }.joined(separator: "\n"))
    let result = try TestSupport.runSitrep(["gazetteer", "import", bad, "--db", dir.file("g.db")])
    #expect(result.status != 0)
    #expect(result.stderr.contains("not a GeoNames"))
  }
}
