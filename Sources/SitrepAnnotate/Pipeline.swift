import SitrepLexicon
import SitrepModel
import SitrepText

/// The layers a document can carry.
public enum Layer: String, Sendable, Hashable {
  case tokens, sentences, places, actors, countries, weapons, triggers, cues, dates, numbers
}

/// One step of the pipeline: a `Sendable` value with a stable, versioned
/// name, the layers it needs and the layers it adds.
public protocol Annotator: Sendable {
  var name: String { get }
  var requires: Set<Layer> { get }
  var assigns: Set<Layer> { get }
  func annotate(_ doc: inout Document)
}

/// Runs annotators in order. The order is checked when the pipeline is
/// built: a component whose inputs no earlier component assigns is refused
/// then, not halfway through a document.
public struct Pipeline: Sendable {
  public let components: [any Annotator]

  public init(_ components: [any Annotator]) throws {
    var available: Set<Layer> = []
    for c in components {
      let missing = c.requires.subtracting(available)
      guard missing.isEmpty else {
        throw SitrepError(
          .invalidArgument,
          "pipeline: \(c.name) needs \(missing.map(\.rawValue).sorted().joined(separator: ", ")), which no earlier component assigns")
      }
      available.formUnion(c.assigns)
    }
    self.components = components
  }

  /// The standard pipeline over a lexicon.
  public static func standard(_ lexicon: Lexicon) throws -> Pipeline {
    try Pipeline([
      TokenAnnotator(), SentenceAnnotator(splitter: lexicon.sentenceSplitter), LexiconAnnotator(lexicon: lexicon),
      GazetteerAnnotator(lexicon: lexicon), DateAnnotator(lexicon: lexicon), NumberAnnotator(lexicon: lexicon),
    ])
  }

  /// Annotates one document with every component, in order.
  public func process(_ doc: inout Document) {
    for c in components { c.annotate(&doc) }
    doc.mentions.sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
  }
}

public struct TokenAnnotator: Annotator {
  public let name = "sitrep.tokenizer.v1"
  public let requires: Set<Layer> = []
  public let assigns: Set<Layer> = [.tokens]
  public init() {}
  public func annotate(_ doc: inout Document) { Tokenizer().tokenize(&doc) }
}

public struct SentenceAnnotator: Annotator {
  public let name = "sitrep.sentences.v1"
  public let requires: Set<Layer> = [.tokens]
  public let assigns: Set<Layer> = [.sentences]
  let splitter: SentenceSplitter
  public init(splitter: SentenceSplitter) { self.splitter = splitter }
  public func annotate(_ doc: inout Document) { splitter.split(&doc) }
}

/// Actors, countries (names and demonyms), weapons, triggers and cues, by
/// phrase matching over folded tokens.
public struct LexiconAnnotator: Annotator {
  public let name = "sitrep.lexicon-match.v1"
  public let requires: Set<Layer> = [.tokens]
  public let assigns: Set<Layer> = [.actors, .countries, .weapons, .triggers, .cues]
  let lexicon: Lexicon
  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  public func annotate(_ doc: inout Document) {
    let t = doc.tokens
    func add(_ kind: Mention.Kind, _ matcher: PhraseMatcher, rule: String, accept: (Int) -> Bool = { _ in true },
             filter: (Int, Range<Int>) -> Bool = { _, _ in true }) {
      for m in matcher.matches(in: doc, accept: accept) {
        let payloads = m.payloads.filter { filter($0, m.tokens) }
        guard let first = payloads.first else { continue }
        doc.mentions.append(
          Mention(kind: kind, tokens: m.tokens, range: doc.range(tokens: m.tokens), entry: first,
                  alternatives: Array(payloads.dropFirst()), rule: rule))
      }
    }
    // proper names must look like names: "US" is not "us", "Jordan" is capitalised
    let surfaceCase = lexicon.actorSurfaceCase
    add(.actor, lexicon.actorMatcher, rule: "actor.lexicon.v1", filter: { payload, r in
      let start = r.lowerBound
      switch surfaceCase[payload] {
      case .allCaps: return t.flags[start].contains(.allCaps) || t.norms[start].count == 1
      case .capitalized: return t.flags[start].contains(.capitalized)
      case .any: return true
      }
    })
    for i in doc.mentions.indices where doc.mentions[i].kind == .actor {
      // the payload is a surface; point the mention at its actor
      doc.mentions[i].entry = lexicon.actorSurfaces[doc.mentions[i].entry]
      doc.mentions[i].alternatives = doc.mentions[i].alternatives.map { lexicon.actorSurfaces[$0] }
    }
    add(.country, lexicon.countryMatcher, rule: "country.lexicon.v1", accept: { t.flags[$0].contains(.capitalized) })
    add(.weapon, lexicon.weaponMatcher, rule: "weapon.lexicon.v1")
    add(.trigger, lexicon.triggerMatcher, rule: "trigger.lexicon.v1")
    add(.cue, lexicon.cueMatcher, rule: "cue.lexicon.v1")
  }
}

/// Numbers in digits and words ("17", "1,200", "three", "a dozen").
public struct NumberAnnotator: Annotator {
  public let name = "sitrep.numbers.v1"
  public let requires: Set<Layer> = [.tokens]
  public let assigns: Set<Layer> = [.numbers]
  let lexicon: Lexicon
  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  public func annotate(_ doc: inout Document) {
    let t = doc.tokens
    var i = 0
    while i < t.count {
      defer { i += 1 }
      if t.flags[i].contains(.furniture) { continue }
      var value: Int?
      if t.flags[i].contains(.number) {
        value = Int(t.norms[i].filter { $0 != "," })
      } else if let v = lexicon.numbers[t.norms[i]], t.norms[i] != "a" && t.norms[i] != "an" {
        value = v
        // "twenty-five", "a hundred"
        if v >= 20 && v < 100, i + 2 < t.count, t.norms[i + 1] == "-", let u = lexicon.numbers[t.norms[i + 2]], u < 10 {
          value = v + u
          doc.mentions.append(Mention(kind: .number, tokens: i..<(i + 3), range: doc.range(tokens: i..<(i + 3)), entry: v + u, rule: "number.words.v1"))
          i += 2
          continue
        }
      }
      guard let value else { continue }
      doc.mentions.append(Mention(kind: .number, tokens: i..<(i + 1), range: doc.range(tokens: i..<(i + 1)), entry: value, rule: t.flags[i].contains(.number) ? "number.digits.v1" : "number.words.v1"))
    }
  }
}
