import Foundation
import Hummingbird
import HummingbirdTesting
import SitrepReport
import SitrepStoreSQLite
import SitrepTestSupport
import Testing

/// The dashboard `sitrep serve` serves: its files and headers, the base map
/// endpoint it draws, and the page itself as headless Chromium renders it.
@Suite(.enabled(if: TestSupport.hasShared, "needs ../shared/corpus"))
struct DashboardTests {
  let serve = ServeTests()

  static let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
  static let basemapFile = "data/naturalearth/ne_50m_admin_0_countries_middle_east.geojson"

  /// The Middle East outlines, stored as `sitrep basemap import` stores them.
  func importBasemap(_ store: SQLiteStore) throws {
    let path = TestSupport.shared(Self.basemapFile)
    let map = try Basemap.parseGeoJSON(try Data(contentsOf: URL(fileURLWithPath: path)), source: "ne_50m_admin_0_countries_middle_east.geojson")
    try store.saveBasemap(try JSONEncoder().encode(map), source: map.source, countries: map.countries.count)
  }

  @Test func pageAndAssetsHaveTheirTypesCacheHeadersAndTheCSP() async throws {
    try await serve.withServer { _, client in
      let page = try await client.execute(uri: "/", method: .get)
      #expect(page.status == .ok)
      #expect(page.headers[.contentType] == "text/html; charset=utf-8")
      #expect(page.headers[.contentSecurityPolicy]?.hasPrefix(Self.csp) == true)
      #expect(page.headers[.cacheControl] == "no-cache")
      #expect(page.headers[.xContentTypeOptions] == "nosniff")
      let html = serve.text(page)
      #expect(html.contains("/assets/app.js") && html.contains("/assets/app.css"))
      // no inline script or style the policy would block, nothing from another host
      #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("http://") && !html.contains("https://"))

      for (file, type) in [
        ("app.js", "text/javascript"), ("dom.js", "text/javascript"), ("map.js", "text/javascript"),
        ("timeline.js", "text/javascript"), ("dashboard.js", "text/javascript"), ("event.js", "text/javascript"),
        ("app.css", "text/css"),
      ] {
        let r = try await client.execute(uri: "/assets/\(file)", method: .get)
        #expect(r.status == .ok, "\(file)")
        #expect(r.headers[.contentType]?.hasPrefix(type) == true, "\(file): \(r.headers[.contentType] ?? "none")")
        #expect(r.headers[.cacheControl] == "public, max-age=300", "\(file)")
        #expect(r.headers[.contentSecurityPolicy]?.hasPrefix(Self.csp) == true, "\(file)")
        let body = serve.text(r)
        // data goes in as text nodes only: no HTML parsing of strings anywhere
        #expect(body.firstMatch(of: /\.(inner|outer)HTML|insertAdjacentHTML|document\.write|eval\(/) == nil, "\(file)")
        // nothing from another host (the SVG namespace is a name, not a fetch)
        let hosts = body.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!hosts.contains("http://") && !hosts.contains("https://"), "\(file) refers to another host")
        // a revalidation with the ETag is a 304 without a body
        let etag = try #require(r.headers[.eTag])
        let again = try await client.execute(uri: "/assets/\(file)", method: .get, headers: [.ifNoneMatch: etag])
        #expect(again.status == .notModified, "\(file)")
        #expect(again.body.readableBytes == 0)
      }
      let missing = try await client.execute(uri: "/assets/nothing.js", method: .get)
      #expect(missing.status == .notFound)
      #expect(try serve.errorOf(missing).code == "not_found")
      #expect(try await client.execute(uri: "/assets/index.html", method: .get).status == .notFound)
    }
  }

  @Test func basemapIs404UntilImportedThenTheOutlines() async throws {
    try await serve.withServer { store, client in
      let none = try await client.execute(uri: "/api/basemap", method: .get)
      #expect(none.status == .notFound)
      #expect(none.headers[.contentType]?.hasPrefix("application/json") == true)
      let error = try serve.errorOf(none)
      #expect(error.code == "no_basemap")
      #expect(error.message.contains("sitrep basemap import"))
      #expect(try await client.execute(uri: "/api/basemap?scale=50m", method: .get).status == .badRequest)

      try importBasemap(store)
      let r = try await client.execute(uri: "/api/basemap", method: .get)
      #expect(r.status == .ok)
      let map = try serve.json(r)
      #expect(map["source"] as? String == "ne_50m_admin_0_countries_middle_east.geojson")
      let countries = try #require(map["countries"] as? [[String: Any]])
      let syria = try #require(countries.first { $0["iso2"] as? String == "SY" })
      #expect(syria["name"] as? String == "Syria")
      let rings = try #require(syria["rings"] as? [[[Double]]])
      #expect(!rings.isEmpty && rings[0].count > 10)
      // plain longitude/latitude pairs, closed rings, inside Syria's box
      for point in rings[0] {
        #expect(point.count == 2)
        #expect((35...43).contains(point[0]) && (32...38).contains(point[1]), "\(point)")
      }
      #expect(rings[0].first == rings[0].last)
    }
  }

  // MARK: - In headless Chromium

  @Test(
    .enabled(if: Browser.shouldRun, "no Chromium on PATH (apt-get install chromium); skipped outside CI, a failure when CI is set"),
    .timeLimit(.minutes(4)))
  func dashboardRendersMapTimelineAndList() async throws {
    try await serve.withServer { store, client in
      try importBasemap(store)
      let port = try #require(client.port)
      let ids = try store.events(matching: .init()).map(\.id)
      let dir = try TestSupport.scratch()
      defer { dir.remove() }
      let png = dir.file("dashboard.png")

      let shot = try await Browser.run(["--window-size=1280,1400", "--screenshot=\(png)", "http://127.0.0.1:\(port)/"])
      #expect(shot.status == 0, "chromium failed: \(shot.stderr.suffix(2000))")
      if let keep = ProcessInfo.processInfo.environment["SITREP_KEEP_SCREENSHOT"], !keep.isEmpty {
        try? FileManager.default.removeItem(atPath: keep)
        try FileManager.default.copyItem(atPath: png, toPath: keep)
      }
      let decoded = try await Browser.runTool("/usr/bin/env", ["python3", "-c", Self.pngStats, png])
      #expect(decoded.status == 0, "PNG decoding failed: \(decoded.stderr)")
      let stats = try #require(try JSONSerialization.jsonObject(with: Data(decoded.stdout.utf8)) as? [String: Any])
      #expect(stats["width"] as? Int == 1280 && stats["height"] as? Int == 1400)
      // the map: sea and land, wider than half the page
      #expect((stats["land"] as? Int ?? 0) > 20_000, "\(stats)")
      let box = try #require(stats["map_box"] as? [Int])
      #expect(box[2] - box[0] > 640, "map box \(box)")
      // event circles in the type colours inside it, and the timeline's bars
      #expect((stats["event_pixels"] as? Int ?? 0) > 300, "\(stats)")
      #expect((stats["bar_pixels"] as? Int ?? 0) > 500, "\(stats)")

      let dom = try await Browser.run(["--window-size=1280,1400", "--dump-dom", "http://127.0.0.1:\(port)/"])
      #expect(dom.status == 0, "chromium failed: \(dom.stderr.suffix(2000))")
      // the list shows the newest events (first page of 50), each linking to its page
      for id in ids.prefix(50) {
        #expect(dom.stdout.contains("href=\"#/event/\(id)\""), "\(id) is not in the list")
      }
      #expect(dom.stdout.contains("<circle"))
    }
  }

  @Test(
    .enabled(if: Browser.shouldRun, "no Chromium on PATH (apt-get install chromium); skipped outside CI, a failure when CI is set"),
    .timeLimit(.minutes(4)))
  func articleMarkupIsShownAsTextAndNeverRuns() async throws {
    try await serve.withServer { store, client in
      let script = "<script>document.title='pwned'</script>"
      let img = "<img src=x onerror=\"document.title='pwned'\">"
      let article: [String: Any] = [
        "id": "xss-1", "published": "2024-03-07", "title": "Drone attack \(script) \(img)",
        "text": "A drone struck the US garrison at Al-Tanf in Syria on Thursday \(script), the Pentagon said. "
          + "Two soldiers were wounded in the attack \(img), officials said.",
      ]
      let r = try await client.execute(
        uri: "/api/ingest", method: .post,
        headers: [.contentType: "application/json", .authorization: "Bearer \(ServeTests.token)"],
        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: article)))
      #expect(r.status == .ok)
      let id = try #require((try serve.json(r)["event_ids"] as? [String])?.first, "the article yields no event")
      let port = try #require(client.port)

      let dom = try await Browser.run(["--window-size=1280,1400", "--dump-dom", "http://127.0.0.1:\(port)/#/event/\(id)"])
      #expect(dom.status == 0, "chromium failed: \(dom.stderr.suffix(2000))")
      let html = dom.stdout
      // the page rendered the article, with the markup as escaped text
      #expect(html.contains("<title>Sitrep · \(id)</title>"), "title: \(html.firstMatch(of: /<title>[^<]*<\/title>/).map { String($0.0) } ?? "none")")
      #expect(html.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
      #expect(html.contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;"))
      #expect(html.contains("Al-Tanf"))
      // and nothing of it became an element
      #expect(!html.contains("pwned</title>"))
      #expect(!html.contains("<script>document.title"))
      #expect(!html.contains("<img"))
      #expect(try store.article(id: "xss-1") != nil)
    }
  }

  /// Decodes an 8-bit RGB(A) PNG with zlib (as the report's screenshot test
  /// does) and counts the map's land and sea, the event circles inside the
  /// map (pixels near a type colour of dom.js) and the timeline's bar colour.
  static let pngStats = TestSupport.pngDecoder + #"""
    def hexc(s): return tuple(int(s[i:i + 2], 16) for i in (1, 3, 5))
    def near(px, c, d): return abs(px[0] - c[0]) <= d and abs(px[1] - c[1]) <= d and abs(px[2] - c[2]) <= d
    SEA, LAND, BAR = hexc('#d9e7f1'), hexc('#f3f0e8'), hexc('#4f6d8f')
    TYPES = [hexc(c) for c in ('#d62728', '#ff7f0e', '#9467bd', '#2ca02c', '#e7298a', '#1f77b4')]
    sea = land = bars = 0
    per_row, per_col = [0] * h, [0] * w
    for y in range(h):
        line = rows[y]
        for x in range(w):
            px = tuple(line[x * bpp:x * bpp + 3])
            if near(px, BAR, 3):
                bars += 1
                continue
            if near(px, SEA, 3): sea += 1
            elif near(px, LAND, 3): land += 1
            else: continue
            per_row[y] += 1
            per_col[x] += 1
    # the map: rows and columns with many sea or land pixels (not a stray anti-aliased one)
    ys = [y for y in range(h) if per_row[y] >= 50] or [0]
    xs = [x for x in range(w) if per_col[x] >= 50] or [0]
    x0, y0, x1, y1 = xs[0], ys[0], xs[-1], ys[-1]
    events = 0
    for y in range(max(y0, 0), y1 + 1):
        line = rows[y]
        for x in range(max(x0, 0), x1 + 1):
            px = tuple(line[x * bpp:x * bpp + 3])
            if any(near(px, c, 12) for c in TYPES): events += 1
    print(json.dumps({'width': w, 'height': h, 'sea': sea, 'land': land, 'map_box': [x0, y0, x1, y1],
                      'event_pixels': events, 'bar_pixels': bars}))
    """#
}

/// Headless Chromium, found as `scripts/screenshot.sh` finds it, run without
/// blocking a thread: the server under test answers its requests meanwhile.
enum Browser {
  static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  static var path: String? {
    let env = ProcessInfo.processInfo.environment
    if let chosen = env["CHROMIUM"], !chosen.isEmpty { return chosen }
    let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for name in names {
      for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
    }
    return nil
  }

  /// Under CI the browser is installed, so a missing one is a failure, not a skip.
  static var underCI: Bool {
    guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
    return !["", "0", "false", "no"].contains(value)
  }

  static var shouldRun: Bool { path != nil || underCI }

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Chromium headless with a throwaway profile and a 10 s virtual time budget (the page's fetches finish first).
  static func run(_ arguments: [String]) async throws -> Output {
    guard let browser = path else {
      Issue.record("CI is set but no Chromium is installed (apt-get install chromium)")
      return Output(status: -1, stdout: "", stderr: "no chromium")
    }
    let profile = try TestSupport.scratch("chromium-profile")
    defer { profile.remove() }
    return try await runTool(
      "/usr/bin/env",
      [
        "timeout", "120", browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--virtual-time-budget=10000", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-dev-shm-usage", "--user-data-dir=\(profile.url.path)",
      ] + arguments)
  }

  /// Runs a program to its end, output to files, awaiting its termination handler.
  static func runTool(_ executable: String, _ arguments: [String]) async throws -> Output {
    let dir = try TestSupport.scratch("process-output")
    defer { dir.remove() }
    let outPath = dir.file("stdout")
    let errPath = dir.file("stderr")
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    defer {
      try? out.close()
      try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: error)
      }
    }
    return Output(
      status: status, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }
}
