import SitrepLexicon
import SitrepModel
import SitrepText
import Testing

@Suite struct TokenizerTests {
  func tokens(_ text: String) -> [String] {
    var doc = Document(id: "t", text: text, published: nil)
    Tokenizer().tokenize(&doc)
    return doc.tokens.norms
  }

  @Test func initialsBecomeOneToken() {
    #expect(tokens("U.S. troops") == ["us", "troops"])
    #expect(tokens("at 5 a.m. local time") == ["at", "5", "am", "local", "time"])
  }

  @Test func foldingKeepsOffsetsIntoTheOriginal() {
    let text = "“Iran’s” drones — Deir ez‑Zor, Ça va 1,200"
    var doc = Document(id: "t", text: text, published: nil)
    Tokenizer().tokenize(&doc)
    #expect(doc.tokens.norms.contains("iran"))
    #expect(doc.tokens.norms.contains("ca"))  // diacritics folded
    #expect(doc.tokens.norms.contains("1,200"))
    #expect(doc.tokens.norms.first == "\"")  // curly quotes folded to straight
    for i in 0..<doc.tokens.count {
      let slice = doc.slice(TextRange(start: doc.tokens.starts[i], end: doc.tokens.ends[i]))
      #expect(!slice.isEmpty)
    }
    #expect(doc.checkInvariants().isEmpty)
  }
}

@Suite struct SentenceSplitterTests {
  func sentences(_ text: String) throws -> [String] {
    var doc = Document(id: "t", text: text, published: nil)
    Tokenizer().tokenize(&doc)
    try Lexicon.bundled().sentenceSplitter.split(&doc)
    return doc.sentences.map { String(doc.slice($0.range)) }
  }

  @Test func abbreviationsDoNotEndSentences() throws {
    let s = try sentences("Gen. Smith said U.S. forces left on Oct. 20 at 5 a.m. on Tuesday. Then they came back.")
    #expect(s == ["Gen. Smith said U.S. forces left on Oct. 20 at 5 a.m. on Tuesday.", "Then they came back."])
  }

  @Test func quotesStayWithTheirSentence() throws {
    let s = try sentences("He said, “This will not stop.” Officials disagreed.")
    #expect(s == ["He said, “This will not stop.”", "Officials disagreed."])
  }

  @Test func headlinesWithoutAFullStopStandAlone() throws {
    var doc = Document(id: "t", text: "Drone downed near example base\nA drone was shot down on Monday.", published: nil)
    Tokenizer().tokenize(&doc)
    try Lexicon.bundled().sentenceSplitter.split(&doc)
    #expect(doc.sentences.count == 2)
    #expect(doc.sentences[0].isHeadline)
    #expect(!doc.sentences[1].isHeadline)
  }

  @Test func furnitureNeverSharesASentence() throws {
    let text = " date 2023-11-16 Groups attacked a base. More text."
    let furniture = TextRange(start: 0, end: UInt32(" date 2023-11-16".utf8.count))
    var doc = Document(id: "t", text: text, published: nil, furniture: [furniture])
    Tokenizer().tokenize(&doc)
    try Lexicon.bundled().sentenceSplitter.split(&doc)
    #expect(doc.sentences.first?.isFurniture == true)
    #expect(doc.slice(doc.sentences[1].range) == "Groups attacked a base.")
  }

  @Test(arguments: ["", "12345 678 90", String(repeating: "word ", count: 40_000), "دير الزور مدينة سورية"])
  func oddTextDoesNotCrash(_ text: String) throws {
    var doc = Document(id: "t", text: text, published: nil)
    Tokenizer().tokenize(&doc)
    try Lexicon.bundled().sentenceSplitter.split(&doc)
    #expect(doc.checkInvariants().isEmpty)
  }
}
