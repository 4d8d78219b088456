import Foundation
@testable import SitrepIngest
import SitrepModel
import Testing

/// The bytes of a file in `Fixtures/`.
private func fixture(_ name: String) throws -> [UInt8] {
  let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return Array(try Data(contentsOf: dir.appendingPathComponent(name)))
}

/// Reads an HTML string as the article `page`.
private func read(_ html: String) -> ReadResult {
  HTMLReader.read(Array(html.utf8), id: "page", origin: "pages/page.html")
}

@Suite struct HTMLReaderTests {
  @Test func extractsTheArticleTextWithoutPageFurniture() throws {
    let result = HTMLReader.read(try fixture("article.html"), id: "merrow-bay", origin: "pages/article.html")
    #expect(result.skipped.isEmpty)
    #expect(result.warnings.isEmpty)
    let article = try #require(result.articles.first)
    #expect(result.articles.count == 1)
    #expect(article.id == "merrow-bay")
    #expect(article.origin == "pages/article.html")
    #expect(
      article.text == """
        Air defences intercept two drones over Merrow Bay
        By Staff Reporter · 14 March 2024
        Air defence units intercepted two unmanned aerial vehicles over the coastal town of Merrow Bay early on Thursday, the regional command said.
        A radar station near Merrow Bay. Photo: Courier archive
        Officials said debris fell on an empty warehouse near the harbour & caused a small fire that was put out within the hour. No injuries were reported.
        “The crews did exactly what they trained for,” a spokesperson said. The command didn’t say where the drones were launched from.
        """)
    for furniture in [
      "Share on", "SCRIPT-TEXT", "LATE-SCRIPT", "font-family", "World", "Sport", "cookies", "Accept all",
      "First!", "Comments", "All rights reserved", "Harbour reopens", "Your coast", "Related",
    ] {
      #expect(!article.text.contains(furniture), "furniture '\(furniture)' leaked into the text")
    }
  }

  @Test func readsTitleDateURLAndOutletFromMetadata() throws {
    let article = try #require(
      HTMLReader.read(try fixture("article.html"), id: "a", origin: "article.html").articles.first)
    #expect(article.title == "Air defences intercept two drones over Merrow Bay")
    #expect(article.published?.iso8601 == "2024-03-14T04:40:00Z")
    #expect(article.url == "https://courier.example/news/merrow-bay-drones")
    #expect(article.outlet == "Coastline Courier")
  }

  @Test func findsTheDateInAJSONLDGraph() throws {
    let result = HTMLReader.read(try fixture("article-jsonld-graph.html"), id: "tarn", origin: "tarn.html")
    #expect(result.warnings.isEmpty)
    let article = try #require(result.articles.first)
    // The NewsArticle's date, not the WebPage's; converted to UTC.
    #expect(article.published?.iso8601 == "2023-11-03T01:15:00Z")
    #expect(article.title == "Convoy reaches Tarn valley")
    #expect(article.url == "https://herald.example/2023/11/convoy-tarn-valley")
    #expect(article.outlet == nil)
    #expect(
      article.text == """
        Convoy reaches Tarn valley
        A convoy of twelve aid lorries reached the Tarn valley on Thursday evening after a two-day delay at a checkpoint, organisers said.
        Water purification kits
        Blankets and tents
        """)
  }

  @Test func toleratesBrokenMarkup() throws {
    let result = HTMLReader.read(try fixture("broken.html"), id: "ostrel", origin: "broken.html")
    #expect(result.skipped.isEmpty)
    let article = try #require(result.articles.first)
    #expect(article.title == "Ceasefire talks resume in Ostrel")
    for expected in [
      "Negotiators met again in the border town of Ostrel on Monday",
      "Both delegations described the talks as constructive & said they would continue next week",
      "Observers reported a quiet night along the front line.", "Day one Day two",
      "Monitors will publish a report on Friday.", "Talks are set to resume on Tuesday",
    ] {
      #expect(article.text.contains(expected), "missing '\(expected)'")
    }
    #expect(!article.text.contains("Ceasefire talks resume in Ostrel"))
  }

  @Test(arguments: [
    "", "<html><body></body></html>", "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
    "   \n  ", "<!-- only a comment -->",
  ])
  func aPageWithoutVisibleTextIsSkipped(_ html: String) {
    let result = read(html)
    #expect(result.articles.isEmpty)
    #expect(result.skipped == [SitrepError(.missingText, "HTML page has no article text", at: "pages/page.html")])
  }

  @Test func anUnparseableDateIsAWarningAndNoDate() throws {
    let result = read(
      """
      <html><head><meta property="article:published_time" content="last Tuesday"></head>
      <body><p>Text of the report.</p></body></html>
      """)
    let article = try #require(result.articles.first)
    #expect(article.published == nil)
    #expect(result.warnings == ["pages/page.html: unparseable publication date 'last Tuesday'"])
  }

  @Test(arguments: [
    ("<meta name='pubdate' content='2021-05-06'>", "2021-05-06"),
    ("<meta name='publishdate' content='2021-05-06T10:00:00Z'>", "2021-05-06T10:00:00Z"),
    ("<meta itemprop='datePublished' content='May 6, 2021'>", "2021-05-06"),
    ("<meta name='DC.date.issued' content='2021-05-06'>", "2021-05-06"),
    ("<meta name='dc.date' content='2021-05-06'>", "2021-05-06"),
    ("<meta name='date' content='2021-05-06'>", "2021-05-06"),
    ("<meta name='sailthru.date' content='2021-05-06 10:00:00'>", "2021-05-06T10:00:00Z"),
    ("<meta name='parsely-pub-date' content='2021-05-06T10:00:00+02:00'>", "2021-05-06T08:00:00Z"),
    ("<script type='application/ld+json'>[{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-05-06\"}]</script>", "2021-05-06"),
  ])
  func readsTheDateFromEachKnownSource(_ head: String, _ expected: String) throws {
    let result = read("<html><head>\(head)</head><body><p>Report text.</p></body></html>")
    #expect(result.warnings.isEmpty)
    #expect(try #require(result.articles.first).published?.iso8601 == expected)
  }

  @Test func prefersMetaThenJSONLDThenTheArticlesTimeElement() throws {
    let timeOnly = read(
      """
      <html><body><div class="top"><time datetime="2020-01-01">1 Jan</time></div>
      <article><p>Story.</p><time datetime="2021-02-03T04:05:06Z">3 Feb</time></article></body></html>
      """)
    #expect(timeOnly.articles.first?.published?.iso8601 == "2021-02-03T04:05:06Z")
    let pageTime = read("<html><body><time datetime='2020-01-01'>x</time><p>Story.</p></body></html>")
    #expect(pageTime.articles.first?.published?.iso8601 == "2020-01-01")
    let jsonBeatsTime = read(
      """
      <html><head><script type="application/ld+json">{"@type":"Article","datePublished":"2022-02-02"}</script></head>
      <body><article><time datetime="2021-01-01">x</time><p>Story.</p></article></body></html>
      """)
    #expect(jsonBeatsTime.articles.first?.published?.iso8601 == "2022-02-02")
    let metaBeatsJSON = read(
      """
      <html><head><meta property="article:published_time" content="2023-03-03">
      <script type="application/ld+json">{"@type":"Article","datePublished":"2022-02-02"}</script></head>
      <body><p>Story.</p></body></html>
      """)
    #expect(metaBeatsJSON.articles.first?.published?.iso8601 == "2023-03-03")
  }

  @Test func titleFallsBackFromTwitterToH1ToTitle() throws {
    let twitter = read(
      "<html><head><title>T</title><meta name='twitter:title' content='Tw'></head><body><article><h1>H</h1><p>x</p></article></body></html>"
    )
    #expect(twitter.articles.first?.title == "Tw")
    let h1 = read("<html><head><title>T</title></head><body><article><h1> The  H1 </h1><p>x</p></article></body></html>")
    #expect(h1.articles.first?.title == "The H1")
    let title = read("<html><head><title> Page &amp; title </title></head><body><h1>Logo</h1><p>x</p></body></html>")
    #expect(title.articles.first?.title == "Page & title")
  }

  @Test func takesTheLargestArticleAndIgnoresOnesInsideFurniture() throws {
    let result = read(
      """
      <html><body>
      <article><p>Teaser.</p></article>
      <article><p>The main report, which is much longer than the teaser.</p><p>Second paragraph.</p></article>
      <aside><article><p>An aside article that is the longest of all, but it is furniture and must never be chosen as the root.</p></article></aside>
      </body></html>
      """)
    #expect(result.articles.first?.text == "The main report, which is much longer than the teaser.\nSecond paragraph.")
  }

  @Test func fallsBackToMainThenBody() throws {
    let main = read("<html><body><div>Outside.</div><main><p>Inside main.</p></main></body></html>")
    #expect(main.articles.first?.text == "Inside main.")
    let body = read("<html><body><div>One.</div><div>Two <b>bold</b> three.</div></body></html>")
    #expect(body.articles.first?.text == "One.\nTwo bold three.")
  }

  @Test(arguments: [
    "<div class='menu'>X</div>", "<div class='site-nav'>X</div>", "<div class='shareBar'>X</div>",
    "<div id='cookie_notice'>X</div>", "<div class='c-comments'>X</div>", "<div class='newsletter-signup'>X</div>",
    "<div class='breadcrumb'>X</div>", "<div class='promo'>X</div>", "<div class='advert-slot'>X</div>",
    "<div role='navigation'>X</div>", "<div role='banner'>X</div>", "<div role='contentinfo'>X</div>",
    "<div role='complementary'>X</div>", "<div hidden>X</div>", "<div style='display: none'>X</div>",
    "<noscript>X</noscript>", "<template>X</template>", "<svg><text>X</text></svg>", "<form>X</form>",
    "<button>X</button>", "<iframe>X</iframe>", "<header>X</header>", "<footer>X</footer>",
  ])
  func dropsFurniture(_ element: String) throws {
    let result = read("<html><body><p>Kept.</p>\(element)</body></html>")
    #expect(result.articles.first?.text == "Kept.")
  }

  @Test(arguments: [
    "<div class='shared-story'>X</div>", "<div class='navy'>X</div>", "<div class='has-comments'>X</div>",
    "<div class='header2'>X</div>", "<div class='menus-and-more'>X</div>",
  ])
  func keepsElementsWhoseClassOnlyResemblesFurniture(_ element: String) throws {
    let result = read("<html><body><p>Kept.</p>\(element)</body></html>")
    #expect(result.articles.first?.text == "Kept.\nX")
  }

  @Test func blocksBecomeLinesAndWhitespaceCollapses() throws {
    let result = read(
      """
      <html><body><h2>  Head\tline </h2><p>one<br>two<br/><br>three</p>
      <blockquote>quote</blockquote><ul><li>a</li><li>b&nbsp;&nbsp;c</li></ul>
      <table><tr><td>x</td><td>y</td></tr></table><p><span>in</span><span>line</span></p></body></html>
      """)
    #expect(result.articles.first?.text == "Head line\none\ntwo\nthree\nquote\na\nb c\nx y\ninline")
  }

  @Test func honoursTheDeclaredCharset() throws {
    var latin1 = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf".utf8)
    latin1 += [0xE9]
    latin1 += Array(" du port</p></body></html>".utf8)
    #expect(HTMLReader.read(latin1, id: "x", origin: "x").articles.first?.text == "Café du port")
    let undeclared = Array("<html><body><p>Café “quoted”</p></body></html>".utf8)
    #expect(HTMLReader.read(undeclared, id: "x", origin: "x").articles.first?.text == "Café “quoted”")
  }

  @Test func keepsTextBelowDeeplyNestedElements() throws {
    let depth = 3000
    let html =
      "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep text.</p>"
      + String(repeating: "</div>", count: depth) + "</body></html>"
    #expect(read(html).articles.first?.text == "Deep text.")
  }

  @Test func visibleTextOfAFragment() {
    #expect(
      HTMLReader.visibleText(fromHTML: Array("<p>One &amp; two.</p><script>x</script><p>Three.</p>".utf8))
        == "One & two.\nThree.")
    #expect(HTMLReader.visibleText(fromHTML: Array("Plain   text,\nwrapped.\n\nNew paragraph.".utf8)) == "Plain text, wrapped.\nNew paragraph.")
    #expect(HTMLReader.visibleText(fromHTML: []).isEmpty)
  }
}
