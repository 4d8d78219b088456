import Foundation
import SitrepLexicon
import SitrepModel

/// Finds place names and resolves ambiguous ones in context, as mordecai
/// does: the article's country focus, nearby words ("province", "city of",
/// "air base"), feature kind and population — each an explicit feature.
///
/// Names match exactly first; failing that, loosely (articles al-/el-
/// ignored, vowels and doubled letters folded), so "Deir al-Zour" and
/// "Dayr az Zawr" find Deir ez-Zor without listing every spelling.
public struct GazetteerAnnotator: Annotator {
  public let name = "sitrep.gazetteer.v1"
  public let requires: Set<Layer> = [.tokens, .sentences, .countries]
  public let assigns: Set<Layer> = [.places]
  let lexicon: Lexicon

  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  static let admin1After: Set<String> = ["province", "governorate", "provinces", "governorates", "region"]
  static let countrysideAfter: Set<String> = ["countryside", "countrysides", "outskirts", "suburbs", "desert"]
  static let localityBefore: Set<String> = ["city", "town", "cities", "towns", "village", "villages"]
  static let siteAfter: Set<String> = ["base", "airbase", "airport", "airfield", "field", "garrison", "outpost", "crossing", "camp", "port"]

  public func annotate(_ doc: inout Document) {
    let t = doc.tokens
    let directions = lexicon.directionWords
    let accept: (Int) -> Bool = { i in
      t.flags[i].contains(.capitalized) || t.flags[i].contains(.allCaps) || directions.contains(t.norms[i])
    }
    var countryTokens = IndexSet()
    for m in doc.mentions where m.kind == .country || m.kind == .actor { countryTokens.insert(integersIn: m.tokens) }
    var matches = lexicon.placeMatcher.matches(in: doc, accept: accept).map { ($0, "place.exact.v1") }
    var covered = IndexSet()
    for (m, _) in matches { covered.insert(integersIn: m.tokens) }
    for m in lexicon.placeLooseMatcher.matches(in: doc, accept: accept)
    where !covered.intersects(integersIn: m.tokens) && !countryTokens.intersects(integersIn: m.tokens) {
      let consonants = m.tokens.filter { !t.flags[$0].contains(.punctuation) && !lexicon.nameArticles.contains(t.norms[$0]) }
        .map { PhraseMatcher.skeleton(t.norms[$0]).count }.reduce(0, +)
      guard consonants >= 4 else { continue }
      // one word, loosely matched, is trusted less: longer, and not inside a person's name ("Prince Mohammed")
      let words = m.tokens.filter { !t.flags[$0].contains(.punctuation) && !lexicon.nameArticles.contains(t.norms[$0]) }
      if words.count == 1 {
        guard consonants >= 5 else { continue }
        let before = m.tokens.lowerBound - 1
        if before >= 0 && t.flags[before].contains(.capitalized) && !t.flags[m.tokens.lowerBound].contains(.newlineBefore)
          && !lexicon.nameArticles.contains(t.norms[before])
        {
          continue
        }
      }
      matches.append((m, "place.loose.v1"))
    }
    matches.sort { $0.0.tokens.lowerBound < $1.0.tokens.lowerBound }

    // the document's country focus: countries named, and places that are unambiguous
    var focus: [String: Int] = [:]
    for m in doc.mentions where m.kind == .country { focus[lexicon.countries[m.entry].iso2, default: 0] += 1 }
    for (m, _) in matches {
      let countries = Set(m.payloads.map { lexicon.places[$0].country })
      if countries.count == 1, let c = countries.first { focus[c, default: 0] += 1 }
    }
    let maxFocus = focus.values.max() ?? 0

    let locatives: Set<String> = ["in", "at", "near", "of", "from", "to", "into", "outside", "around", "towards", "toward"]
    for (m, rule) in matches {
      let before = m.tokens.lowerBound > 0 ? t.norms[m.tokens.lowerBound - 1] : ""
      // "U.S. Hit 13.6 billion": a common word is a place only where a place is expected
      if m.tokens.count == 1 && lexicon.commonWordPlaces.contains(t.norms[m.tokens.lowerBound]) && !locatives.contains(before) {
        continue
      }
      let before2 = m.tokens.lowerBound > 1 ? t.norms[m.tokens.lowerBound - 2] : ""
      let after = m.tokens.upperBound < t.count ? t.norms[m.tokens.upperBound] : ""
      let after2 = m.tokens.upperBound + 1 < t.count ? t.norms[m.tokens.upperBound + 1] : ""
      func score(_ index: Int) -> Double {
        let p = lexicon.places[index]
        var s = 0.0
        if let f = focus[p.country], maxFocus > 0 { s += 3 * Double(f) / Double(maxFocus) }
        switch p.precision {
        case "locality": s += 2
        case "site": s += 1.5
        case "admin1", "region": s += 1
        default: s += 0.5
        }
        if Self.admin1After.contains(after) && p.precision == "admin1" { s += 6 }
        if Self.countrysideAfter.contains(after) && p.precision == "admin1" { s += 4 }
        if (Self.localityBefore.contains(before) || Self.localityBefore.contains(before2) && before == "of")
          && p.precision == "locality"
        {
          s += 6
        }
        if (Self.siteAfter.contains(after) || Self.siteAfter.contains(after2)) && p.precision == "site" { s += 4 }
        s += log10(Double(p.population) + 1) * 0.25
        return s
      }
      let ranked = m.payloads.sorted { (score($0), -$0) > (score($1), -$1) }
      guard let best = ranked.first else { continue }
      doc.mentions.append(
        Mention(kind: .place, tokens: m.tokens, range: doc.range(tokens: m.tokens), entry: best,
                alternatives: Array(ranked.dropFirst()), rule: rule))
    }
  }
}
