import Foundation
import SitrepLexicon
import SitrepModel
@testable import SitrepReport
import SitrepTestSupport
import Testing

/// What the page says, and that it stays one safe, self-contained file.
@Suite struct ReportBuilderTests {
  static let generated = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13 UTC

  func builder(
    _ events: [EventRecord] = ReportFixtures.sample, basemap: Basemap? = nil, limit: Int = 1_000,
    sources: (EventRecord) -> [SourceInfo] = ReportFixtures.sources
  ) -> ReportBuilder {
    var b = ReportBuilder(
      title: "Example <report>", filterSummary: "country in SY, IQ", generatedAt: Self.generated, basemap: basemap,
      lexicon: try? Lexicon.bundled(), eventListLimit: limit)
    for e in events { b.add(e, sources: sources(e)) }
    return b
  }

  /// A box around Syria and Iraq, enough for the map to draw an outline.
  static let smallMap = Basemap(
    source: "test-box.geojson",
    countries: [
      .init(iso2: "SY", iso3: "SYR", name: "Syria", rings: [[[35.7, 32.3], [42.3, 32.3], [42.3, 37.3], [35.7, 37.3], [35.7, 32.3]]]),
      .init(iso2: "IQ", iso3: "IRQ", name: "Iraq", rings: [[[42.3, 29.1], [48.5, 29.1], [48.5, 37.3], [42.3, 37.3], [42.3, 29.1]]]),
    ])

  @Test func headlineNumbers() {
    let page = builder().render()
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("<title>Example &lt;report&gt;</title>"))
    #expect(page.contains("country in SY, IQ"))
    #expect(page.contains("2023-11-14 22:13 UTC"))
    #expect(page.contains("<span class=\"k\">Events</span><span class=\"v\">6</span>"))
    #expect(page.contains("<span class=\"k\">Fatalities</span><span class=\"v\">16</span>"))
    #expect(page.contains("2 events without a figure"))
    #expect(page.contains("<span class=\"k\">Sources</span><span class=\"v\">6</span>"))
    #expect(page.contains("2023-10-16</span> – <span class=\"date\">2023-11"))
  }

  @Test func countsByWeekAndType() throws {
    let b = builder()
    let (kind, buckets) = b.buckets()
    #expect(kind == .week)
    #expect(buckets.map { Days.iso($0.start) } == ["2023-10-16", "2023-10-23", "2023-10-30"])
    #expect(buckets[0].counts == ["Explosions/Remote violence": 2, "Battles": 1])
    #expect(buckets[1].counts == ["Strategic developments": 1])
    #expect(buckets[2].counts == ["Violence against civilians": 1])
    #expect(b.coarselyDated == 1)

    let page = b.render()
    let table = try #require(page.section(from: "<table class=\"counts\">", to: "</table>"))
    // columns: Battles, Explosions, Violence against civilians, Strategic developments, Total
    #expect(table.contains(
      "<tr><td class=\"date\">2023-10-16</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">3</td></tr>"))
    #expect(table.contains("<tr><td class=\"date\">2023-10-23</td>"))
    #expect(table.contains("<td class=\"num\">5</td></tr></tfoot>"))
    #expect(page.contains("1 event is dated only to a month or year"))
    // one bar segment per (week, type) with a count
    let chart = try #require(page.section(from: "<svg class=\"chart\"", to: "</svg>"))
    #expect(chart.occurrences(of: "<rect ") == 4)
    #expect(chart.contains("<title>Week of 2023-10-16: Explosions/Remote violence 2 of 3</title>"))
  }

  @Test func monthsReplaceWeeksOverLongSpans() {
    let events = (0..<5).map { i in
      ReportFixtures.event("m\(i)", "\(2015 + i * 2)-03-0\(i + 1)", "Battles", "Armed clash", place: "X", country: "SY", lat: 35, lon: 38)
    }
    let (kind, buckets) = builder(events).buckets()
    #expect(kind == .month)
    #expect(buckets.count == 8 * 12 + 1)
    #expect(buckets.reduce(0) { $0 + $1.total } == 5)
  }

  @Test func aPointPerLocatedEvent() throws {
    let page = builder(basemap: Self.smallMap).render()
    let map = try #require(page.section(from: "<svg class=\"map\"", to: "</svg>"))
    // five events have coordinates, each at its own place; the sixth has none
    #expect(map.occurrences(of: "<circle class=\"ev\"") == 5)
    #expect(map.contains("<title>Baghdad, Iraq · Violence against civilians · 1 event, 2023-10-31 · 12 fatalities</title>"))
    #expect(map.contains("fill=\"#8e44ad\""))
    #expect(map.contains("href=\"#e-e5\""))
    #expect(page.contains("id=\"e-e5\""))
    #expect(page.contains("1 without coordinates is not shown"))
    // the base map is drawn, clipped and credited; Iraq's box is big enough for its name
    #expect(map.occurrences(of: "<path fill=\"#f3f0e8\"") == 2)
    #expect(map.contains("clip-path=\"url(#sitrep-map-clip)\""))
    #expect(map.contains(">Iraq</text>"))
    #expect(page.contains("Base map: test-box.geojson"))
    #expect(!page.contains("sitrep basemap import"))
  }

  @Test func eventsAtOnePlaceShareACircle() throws {
    let events = [
      ReportFixtures.event("a", "2023-10-16", "Battles", "Armed clash", place: "Al-Tanf", country: "SY", lat: 33.49, lon: 38.65, fatalities: 1),
      ReportFixtures.event("b", "2023-10-19", "Battles", "Armed clash", place: "Al-Tanf", country: "SY", lat: 33.49, lon: 38.65, fatalities: 2),
      ReportFixtures.event("c", "2023-10-19", "Riots", "Mob violence", place: "Al-Tanf", country: "SY", lat: 33.49, lon: 38.65),
    ]
    let page = builder(events).render()
    #expect(page.occurrences(of: "<circle class=\"ev\"") == 2)
    #expect(page.contains("Battles · 2 events, 2023-10-16 to 2023-10-19 · 3 fatalities"))
  }

  @Test func withoutABasemapTheMapSaysHowToGetOne() throws {
    let page = builder(basemap: nil).render()
    let map = try #require(page.section(from: "<svg class=\"map\"", to: "</svg>"))
    #expect(map.occurrences(of: "<circle class=\"ev\"") == 5)
    #expect(map.contains("°E</text>"))
    #expect(map.contains("°N</text>"))
    #expect(page.contains("<code>sitrep basemap import FILE</code>"))
  }

  @Test func projectionFitsTheEvents() throws {
    let frame = builder().mapFrame()
    #expect(frame.west < 38.65 && frame.east > 44.37)
    #expect(frame.south < 33.31 && frame.north > 36.19)
    // padded, but still a regional map
    #expect(frame.east - frame.west < 15)
    #expect(frame.height >= 480 && frame.height <= 768)
    for e in ReportFixtures.sample {
      guard let lat = e.location.lat, let lon = e.location.lon else { continue }
      #expect((40...920).contains(frame.x(lon)) && (20...(frame.height - 20)).contains(frame.y(lat)))
    }
    // one event still shows its surroundings
    let one = builder([ReportFixtures.sample[0]]).mapFrame()
    #expect(one.east - one.west >= 4)
  }

  @Test func everythingFromEventsAndArticlesIsEscaped() throws {
    let hostile = ReportFixtures.event(
      "x\"><script>1</script>", "2023-10-20", "Battles", "Armed clash", place: "<b>Town</b>", country: "SY",
      lat: 34, lon: 37, actor1: "<i>Actor</i>", document: "d<1>",
      quote: "A quote with <script>alert('quote')</script> inside & more.",
      summary: "<script>alert(\"summary\")</script>")
    var b = builder([])
    b.title = "<script>alert('title')</script>"
    b.filterSummary = "<img src=x onerror=alert(1)>"
    b.add(hostile, sources: [
      SourceInfo(id: "d<1>", title: "</a><script>alert('title')</script>", url: "https://example.org/a?x=1&y=\"2\"",
                 outlet: "<Outlet>", published: "2023-10-21")
    ])
    let page = b.render()
    #expect(!page.lowercased().contains("<script"))
    #expect(!page.contains("<img"))
    #expect(!page.contains("<b>Town"))
    #expect(!page.contains("<i>Actor"))
    #expect(page.contains("&lt;script&gt;alert(&quot;summary&quot;)&lt;/script&gt;"))
    #expect(page.contains("A quote with &lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt; inside &amp; more."))
    #expect(page.contains("href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\""))
    #expect(page.contains("&lt;Outlet&gt;: &lt;/a&gt;&lt;script&gt;"))
  }

  @Test func onlyHTTPLinksAreLinked() {
    let e = ReportFixtures.sample[0]
    let page = builder([e], sources: { _ in [SourceInfo(id: "doc-e1", title: "T", url: "javascript:alert(1)", outlet: "O")] }).render()
    #expect(!page.contains("javascript:"))
    #expect(!page.contains("<a href=\"j"))
    #expect(page.contains("<cite>O: T"))
  }

  /// The page loads nothing: the only URLs are the source links.
  @Test func noExternalReferencesButSourceLinks() throws {
    let page = builder(basemap: Self.smallMap).render()
    var rest = page
    var links = 0
    for e in ReportFixtures.sample {
      for info in ReportFixtures.sources(for: e) {
        let attribute = "href=\"\(try #require(info.url))\""
        links += rest.occurrences(of: attribute)
        rest = rest.replacingOccurrences(of: attribute, with: "href=\"\"")
      }
    }
    #expect(links == 6)
    #expect(!rest.lowercased().contains("http"))
    #expect(!rest.contains("//"))
    #expect(!rest.contains(" src="))
    #expect(!rest.contains("<link"))
    #expect(!rest.contains("@import"))
    #expect(!rest.lowercased().contains("<script"))
    #expect(rest.occurrences(of: "url(") == rest.occurrences(of: "url(#"))
  }

  @Test func eventListShowsQuotesWithLinks() throws {
    let page = builder().render()
    let card = try #require(page.section(from: "<article class=\"event\" id=\"e-e2\">", to: "</article>"))
    #expect(card.contains("<span class=\"date\">2023-10-18</span>"))
    #expect(card.contains(">Battles</span><span class=\"sub\">Armed clash</span>"))
    #expect(card.contains("Deir ez-Zor, Syria"))
    #expect(card.contains("<b>Actors:</b> Example militia → Example army"))
    #expect(card.contains("<b>Fatalities:</b> 4 · <b>Injuries:</b> not reported · <b>Certainty:</b> reported"))
    #expect(card.contains("<blockquote>An example sentence says something happened at Deir ez-Zor.</blockquote>"))
    #expect(card.contains("<a href=\"https://news.example.org/doc-e2\" rel=\"noopener noreferrer\">Example Wire: Example headline for doc-e2</a>"))
    // latest first
    let order = ["e-e6", "e-e5", "e-e4", "e-e3", "e-e2", "e-e1"].compactMap { page.range(of: "id=\"\($0)\"")?.lowerBound }
    #expect(order.count == 6)
    #expect(order == order.sorted())
  }

  @Test func topLocationsAndActors() throws {
    let page = builder().render()
    let actors = try #require(page.section(from: "<h2>Top actors</h2>", to: "</table>"))
    #expect(actors.contains("<tr><td>Example militia</td><td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">0</td></tr>"))
    #expect(actors.contains("<tr><td>Example garrison</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"))
    let places = try #require(page.section(from: "<h2>Top locations</h2>", to: "</table>"))
    #expect(places.contains("<tr><td>Baghdad</td><td>Iraq</td><td class=\"num\">1</td><td class=\"num\">12</td></tr>"))
    // most fatalities first among places with one event
    let baghdad = try #require(places.range(of: "Baghdad")?.lowerBound)
    let erbil = try #require(places.range(of: "Erbil")?.lowerBound)
    #expect(baghdad < erbil)
  }

  /// Aggregates cover every event; the list keeps only the latest, and memory stays bounded.
  @Test func listIsCappedButCountsAreNot() {
    var b = ReportBuilder(title: "T", filterSummary: "", generatedAt: Self.generated, basemap: nil, lexicon: nil, eventListLimit: 3)
    var maxKept = 0
    for i in 0..<50 {
      let day = Days.iso(Days.fromCivil(year: 2023, month: 1, day: 1) + i)
      b.add(
        ReportFixtures.event("n\(i)", day, "Battles", "Armed clash", place: "P\(i)", country: "SY", lat: 35, lon: 38 + Double(i) / 100, fatalities: 1),
        sources: [])
      maxKept = max(maxKept, b.listed.count)
    }
    #expect(maxKept < 6)
    let page = b.render()
    #expect(page.occurrences(of: "<article class=\"event\"") == 3)
    #expect(page.contains("id=\"e-n49\"") && page.contains("id=\"e-n47\"") && !page.contains("id=\"e-n46\""))
    #expect(page.contains("Showing the latest 3 of 50 events; 47 older events are counted above but not listed."))
    #expect(page.contains("<span class=\"k\">Fatalities</span><span class=\"v\">50</span>"))
    #expect(page.occurrences(of: "<circle class=\"ev\"") == 50)
    #expect(page.contains("Filters:</b> none (every event)"))
  }

  @Test func emptyReport() {
    let page = builder([]).render()
    #expect(page.contains("No events match these filters."))
    #expect(page.contains("<svg class=\"map\""))
    #expect(page.hasSuffix("</html>\n"))
  }

  @Test func renderingToASinkGivesTheSamePage() throws {
    var many: [EventRecord] = []
    for i in 0..<400 {
      many.append(ReportFixtures.event("s\(i)", "2023-10-\(10 + i % 20)", "Battles", "Armed clash", place: "P\(i)", country: "SY", lat: 33 + Double(i % 40) / 10, lon: 37 + Double(i / 40) / 10))
    }
    let b = builder(many)
    let sink = CollectingSink()
    try b.render(to: sink)
    #expect(sink.text == b.render())
    #expect(sink.writes > 1)
  }

  @Test func escapingAndNumbers() {
    #expect(HTML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
    #expect(HTML.number(1234567) == "1,234,567")
    #expect(HTML.number(12) == "12")
    #expect(HTML.coord(3.14159) == "3.1")
    #expect(HTML.coord(-2.0) == "-2")
    #expect(Days.iso(Days.weekStart(Days.number("2024-01-01")!)) == "2024-01-01")
    #expect(Days.iso(Days.weekStart(Days.number("2023-12-31")!)) == "2023-12-25")
    #expect(Days.number("2023-02-29") == nil)
    #expect(Days.number("2023-10") == nil)
  }
}
