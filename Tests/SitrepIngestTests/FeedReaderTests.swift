import Foundation
@testable import SitrepIngest
import SitrepModel
import Testing

/// The bytes of a file in `Fixtures/`.
private func fixture(_ name: String) throws -> [UInt8] {
  let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return Array(try Data(contentsOf: dir.appendingPathComponent(name)))
}

private func read(_ xml: String, origin: String = "feeds/feed.xml") -> ReadResult {
  FeedReader.read(Array(xml.utf8), origin: origin)
}

@Suite struct FeedReaderTests {
  @Test func readsRSSItems() throws {
    let result = FeedReader.read(try fixture("feed-rss.xml"), origin: "feeds/feed-rss.xml")
    #expect(result.skipped.isEmpty)
    #expect(result.warnings == ["feeds/feed-rss.xml: item 3 has no text"])
    #expect(result.articles.count == 2)
    let (first, second) = (result.articles[0], result.articles[1])
    #expect(first.id == "urn:harbourwire:1001")
    #expect(first.title == "Patrol boat intercepts drone near pier")
    #expect(first.url == "https://wire.example/news/patrol-boat-drone")
    #expect(first.published?.iso8601 == "2024-03-14T04:40:00Z")
    #expect(first.outlet == "Harbour Wire")
    #expect(first.origin == "feeds/feed-rss.xml:13")
    // content:encoded wins over description; its HTML becomes text.
    #expect(
      first.text == """
        A coast guard patrol boat intercepted a small drone near the north pier on Thursday morning, officials said.
        The drone was recovered intact & handed to investigators.
        """)
    #expect(second.id == "https://wire.example/news/ferry-resumes")
    #expect(second.title == "Ferry service & harbour cranes resume")
    #expect(second.url == "https://wire.example/news/ferry-resumes")
    #expect(second.published?.iso8601 == "2024-03-15T10:00:00Z")
    #expect(
      second.text == "Ferry crossings resumed on Friday after a two-day suspension.\nPort officials said the cranes were back in operation.")
  }

  @Test func readsAtomEntries() throws {
    let result = FeedReader.read(try fixture("feed-atom.xml"), origin: "feed-atom.xml")
    #expect(result.skipped.isEmpty)
    #expect(result.warnings.isEmpty)
    #expect(result.articles.map(\.id) == ["tag:ridge.example,2024:entry-1", "tag:ridge.example,2024:entry-2"])
    #expect(result.articles.map(\.outlet) == ["Ridge Observer", "Ridge Observer"])
    let (first, second) = (result.articles[0], result.articles[1])
    #expect(first.title == "Shelling reported near Kessel ridge")
    #expect(first.url == "https://ridge.example/2024/04/kessel-ridge")
    // published wins over updated, and the zone moves the day.
    #expect(first.published?.iso8601 == "2024-04-02T02:30:00Z")
    #expect(first.text == "Residents reported shelling near Kessel ridge late on Monday.\nLocal officials said two farm buildings were damaged.")
    #expect(second.title == "Bridge on the Ardent road reopens")
    #expect(second.url == "https://ridge.example/2024/04/ardent-bridge")
    #expect(second.published?.iso8601 == "2024-04-02T09:15:00Z")
    #expect(second.text == "Engineers reopened the bridge on the Ardent road on Tuesday.\nTraffic is limited to one lane & light vehicles.")
  }

  @Test func readsRSS1RDF() throws {
    let result = read(
      """
      <?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example/"><title>RDF Desk</title></channel>
        <item rdf:about="https://rdf.example/1">
          <title>Checkpoint moved</title>
          <link>https://rdf.example/1</link>
          <description>The checkpoint was moved two kilometres north.</description>
          <dc:date>2022-08-09T10:11:12+01:00</dc:date>
        </item>
      </rdf:RDF>
      """)
    #expect(result.skipped.isEmpty)
    let article = try #require(result.articles.first)
    #expect(article.id == "https://rdf.example/1")
    #expect(article.outlet == "RDF Desk")
    #expect(article.published?.iso8601 == "2022-08-09T09:11:12Z")
    #expect(article.text == "The checkpoint was moved two kilometres north.")
  }

  @Test func idFallsBackToLinkThenFileAndIndex() throws {
    let result = read(
      """
      <rss><channel><title>T</title>
      <item><link>https://e.example/a</link><description>One.</description></item>
      <item><description>Two.</description></item>
      </channel></rss>
      """, origin: "feeds/wire.xml")
    #expect(result.articles.map(\.id) == ["https://e.example/a", "wire.xml#2"])
  }

  @Test func anUnparseableItemDateIsAWarning() throws {
    let result = read(
      "<rss><channel><item><guid>g1</guid><pubDate>sometime soon</pubDate><description>Text.</description></item></channel></rss>"
    )
    #expect(result.articles.count == 1)
    #expect(result.articles.first?.published == nil)
    #expect(result.warnings == ["feeds/feed.xml: item 1: unparseable publication date 'sometime soon'"])
  }

  @Test func aNonFeedRootIsSkipped() throws {
    let result = FeedReader.read(try fixture("not-a-feed.xml"), origin: "not-a-feed.xml")
    #expect(result.articles.isEmpty)
    #expect(
      result.skipped == [
        SitrepError(.notAFeed, "XML root element is <catalog>, not an RSS or Atom feed", at: "not-a-feed.xml")
      ])
  }

  @Test func malformedXMLIsSkippedWithItsLine() throws {
    let result = FeedReader.read(try fixture("malformed.xml"), origin: "malformed.xml")
    #expect(result.articles.isEmpty)
    let error = try #require(result.skipped.first)
    #expect(result.skipped.count == 1)
    #expect(error.code == .malformed)
    #expect(error.message == "malformed XML at line 6: closing tag does not match the open element")
    #expect(error.location == "malformed.xml:6")
  }

  @Test(arguments: ["<rss><channel><item><description>x</item>", "<feed><entry>", "<rss>&undefined;</rss>", "not xml at all"])
  func brokenDocumentsAreMalformed(_ xml: String) {
    let result = read(xml)
    #expect(result.articles.isEmpty)
    #expect(result.skipped.map(\.code) == [.malformed])
  }

  @Test func keepsItemsCompletedBeforeAnError() {
    let result = read("<rss><channel><item><guid>a</guid><description>Complete.</description></item><item><guid>b</guid><description>Cut")
    #expect(result.articles.map(\.id) == ["a"])
    #expect(result.skipped.map(\.code) == [.malformed])
  }

  @Test func anEmptyFileIsSkipped() {
    #expect(read("").skipped.map(\.code) == [.empty])
    #expect(read("  \n").skipped.map(\.code) == [.empty])
  }

  @Test func refusesTheBillionLaughsQuickly() throws {
    let bytes = try fixture("billion-laughs.xml")
    let start = ContinuousClock.now
    let result = FeedReader.read(bytes, origin: "billion-laughs.xml")
    #expect(ContinuousClock.now - start < .milliseconds(500))
    #expect(result.articles.isEmpty)
    #expect(
      result.skipped == [
        SitrepError(
          .entityExpansion, "XML declares entities (possible entity-expansion attack); refused", at: "billion-laughs.xml")
      ])
  }

  @Test(arguments: [
    // an entity bomb inside a feed
    """
    <?xml version="1.0"?>
    <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <rss><channel><item><description>&b;</description></item></channel></rss>
    """,
    // external entity (file disclosure)
    """
    <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]><rss><channel><item><description>&xxe;</description></item></channel></rss>
    """,
    // parameter entity, with a comment and a quoted ']' before it
    """
    <!DOCTYPE feed [ <!-- ] --> <!ATTLIST feed x CDATA "]"> <!entity % p "x"> ]><feed/>
    """,
  ])
  func refusesEntityDeclarations(_ xml: String) {
    let result = read(xml)
    #expect(result.articles.isEmpty)
    #expect(result.skipped.map(\.code) == [.entityExpansion])
  }

  @Test func refusesEntitiesInUTF16() throws {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss>&a;</rss>"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let result = FeedReader.read(bytes, origin: "utf16.xml")
    #expect(result.articles.isEmpty)
    #expect(result.skipped.map(\.code) == [.entityExpansion])
  }

  @Test func refusesEncodingsTheEntityCheckCannotRead() {
    let result = read("<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-rss+AD4-")
    #expect(result.articles.isEmpty)
    #expect(result.skipped.map(\.code) == [.unsupported])
    let latin1 = FeedReader.read(
      Array("<?xml version='1.0' encoding='ISO-8859-1'?><rss><channel><item><description>Caf".utf8) + [0xE9]
        + Array("</description></item></channel></rss>".utf8), origin: "latin1.xml")
    #expect(latin1.articles.map(\.text) == ["Café"])
  }

  @Test func anExternalDTDWithoutEntitiesIsReadWithoutFetchingIt() throws {
    let result = read(
      """
      <?xml version="1.0"?>
      <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss-0.91.dtd">
      <rss version="0.91"><channel><title>Old</title><item><title>A</title><link>https://old.example/a</link>
      <description>Still readable.</description></item></channel></rss>
      """)
    #expect(result.skipped.isEmpty)
    #expect(result.articles.map(\.text) == ["Still readable."])
  }

  @Test(arguments: [
    ("feed-rss.xml", true), ("feed-atom.xml", true), ("not-a-feed.xml", false), ("article.html", false),
    ("billion-laughs.xml", false), ("malformed.xml", true),
  ])
  func sniffsFeedsFromTheirRoot(_ name: String, _ isFeed: Bool) throws {
    #expect(FeedReader.looksLikeFeed(try fixture(name)) == isFeed)
  }

  @Test(arguments: [
    ("<rss version='2.0'>", true), ("\u{FEFF}<?xml version='1.0'?>\n<!-- c -->\n<feed xmlns='http://www.w3.org/2005/Atom'>", true),
    ("<?xml version='1.0'?><!DOCTYPE rdf:RDF [ ]><rdf:RDF>", true), ("<?xml-stylesheet href='s.xsl'?><rss>", true),
    ("<html><body>", false), ("", false), ("plain text", false), ("<feedback>", false),
  ])
  func sniffsFeedsFromText(_ text: String, _ isFeed: Bool) {
    #expect(FeedReader.looksLikeFeed(Array(text.utf8)) == isFeed)
  }
}
