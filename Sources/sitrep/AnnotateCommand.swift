import ArgumentParser
import Foundation
import SitrepAnnotate
import SitrepExtract
import SitrepIngest
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite

struct Annotate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show how Sitrep reads a text: sentences, and the places, actors, weapons, triggers, cues and dates in each.",
    discussion: "For writing and checking rules and lexicons. Reads --text, or a stored article with --article and --db.")

  @Option(help: "The text to annotate.")
  var text: String?

  @Option(help: "A stored article to annotate.")
  var article: String?

  @Option(help: "Publication date (YYYY-MM-DD) for --text.")
  var published: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let lexicon = try Lexicon.bundled()
    var source: Article
    if let article {
      let db = try openExisting(store.db)
      guard let a = try db.loadArticle(id: article) else { throw ValidationError("no article '\(article)'") }
      source = a
    } else if let text {
      source = Article(id: "text", text: text, published: published.flatMap(PublicationDate.init(iso8601:)), origin: "--text")
    } else {
      throw ValidationError("give --text or --article")
    }
    if source.furniture.isEmpty { source.furniture = try FurnitureDetector.bundled().detect(in: source.text) }
    var doc = Document(source)
    try Pipeline.standard(lexicon).process(&doc)
    print("reference date: \(doc.referenceDate?.iso ?? "none") (\(doc.referenceSource ?? "-"))")
    for (i, s) in doc.sentences.enumerated() {
      let flags = (s.isHeadline ? " headline" : "") + (s.isFurniture ? " furniture" : "")
      print("[\(i)] ¶\(s.paragraph)\(flags): \(doc.slice(s.range).replacingOccurrences(of: "\n", with: " "))")
      for m in doc.mentions where s.tokens.contains(m.tokens.lowerBound) {
        var label: String
        switch m.kind {
        case .place:
          let p = lexicon.places[m.entry]
          label = "\(p.name) [\(p.precision), \(p.country)]" + (m.alternatives.isEmpty ? "" : " (+\(m.alternatives.count) other)")
        case .actor: label = lexicon.actors[m.entry].name
        case .country: label = lexicon.countries[m.entry].iso2
        case .weapon: label = lexicon.weapons[m.entry].canonical
        case .trigger: let t = lexicon.triggers[m.entry]; label = "\(t.lemma) (\(t.role)) \(t.subEventType)"
        case .cue: label = lexicon.cues[m.entry].cue
        case .date: let e = doc.temporals[m.entry]; label = e.resolved?.iso ?? e.problem ?? "anaphoric"
        case .number: label = String(m.entry)
        }
        print("    \(m.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) “\(doc.slice(m.range))” → \(label)  [\(m.rule)]")
      }
    }
  }
}
