import Foundation
import SitrepLexicon
import SitrepModel
@testable import SitrepReport
import SitrepTestSupport
import Testing

/// Headless Chromium, as `scripts/screenshot.sh` looks for it.
enum Chromium {
  static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  static var installed: Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return names.contains { name in
      path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
  }

  /// Under CI the browser is installed, so a missing one is a failure, not a skip.
  static var underCI: Bool {
    guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
    return !["", "0", "false", "no"].contains(value)
  }

  static var shouldRun: Bool { installed || underCI }
}

/// A rendered report, photographed by headless Chromium, really shows a map.
@Suite(.enabled(if: NaturalEarth.available, "needs ../shared/data/naturalearth"))
struct ScreenshotTests {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  func run(_ executable: String, _ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test(
    .enabled(
      if: Chromium.shouldRun,
      "no Chromium on PATH (apt-get install chromium); skipped outside CI, a failure when CI is set"),
    .timeLimit(.minutes(3)))
  func reportScreenshotShowsTheMap() throws {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let basemap = try Basemap.parseGeoJSON(
      NaturalEarth.data("ne_50m_admin_0_countries_middle_east.geojson"),
      source: "ne_50m_admin_0_countries_middle_east.geojson")
    var report = ReportBuilder(
      title: "Screenshot check", filterSummary: "made-up events", generatedAt: Date(timeIntervalSince1970: 1_700_000_000),
      basemap: basemap, lexicon: try Lexicon.bundled())
    for event in ReportFixtures.sample + Self.moreEvents() { report.add(event, sources: ReportFixtures.sources(for: event)) }
    let html = try dir.write("report.html", report.render())
    let png = dir.file("report.png")

    let script = TestSupport.packageRoot.appendingPathComponent("scripts/screenshot.sh").path
    let shot = try run("/usr/bin/env", ["bash", script, html, png, "1100", "1400"])
    if shot.status == 3 {
      Issue.record("CI is set but no Chromium is installed: \(shot.stderr)")
      return
    }
    #expect(shot.status == 0, "screenshot.sh failed: \(shot.stderr)")
    // SITREP_KEEP_SCREENSHOT=/tmp/report.png keeps the picture (and the page, as /tmp/report.png.html)
    if let keep = ProcessInfo.processInfo.environment["SITREP_KEEP_SCREENSHOT"], !keep.isEmpty {
      for (from, to) in [(png, keep), (html, keep + ".html")] {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
      }
    }

    let decoded = try run("/usr/bin/env", ["python3", "-c", Self.pngStats, png])
    #expect(decoded.status == 0, "PNG decoding failed: \(decoded.stderr)")
    let stats = try #require(try JSONSerialization.jsonObject(with: Data(decoded.stdout.utf8)) as? [String: Any])
    let width = try #require(stats["width"] as? Int)
    let height = try #require(stats["height"] as? Int)
    #expect(width == 1100 && height == 1400)
    // not blank: many colours, plenty of non-white pixels
    #expect((stats["colours"] as? Int ?? 0) > 50)
    #expect((stats["non_white"] as? Double ?? 0) > 0.2)
    // the map: a large area of land colour (and some sea), wider than half the page
    #expect((stats["land"] as? Int ?? 0) > 100_000)
    #expect((stats["sea"] as? Int ?? 0) > 500)
    let box = try #require(stats["map_box"] as? [Int])
    #expect(box[2] - box[0] > width / 2 && box[3] - box[1] > 200, "map box \(box)")
    // and coloured event circles inside it
    #expect((stats["map_coloured"] as? Int ?? 0) > 100)
  }

  /// Eight weeks of made-up events around a few towns, so the page looks like a real one.
  static func moreEvents() -> [EventRecord] {
    let places: [(String, String, Double, Double)] = [
      ("Al-Bukamal", "SY", 34.45, 40.92), ("Mayadin", "SY", 35.02, 40.45), ("Raqqa", "SY", 35.95, 39.01),
      ("Mosul", "IQ", 36.34, 43.13), ("Kirkuk", "IQ", 35.47, 44.39), ("Ramadi", "IQ", 33.42, 43.30),
      ("Homs", "SY", 34.73, 36.71), ("Aleppo", "SY", 36.20, 37.16),
    ]
    let kinds: [(String, String)] = [
      ("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
      ("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Strategic developments", "Disrupted weapons use"),
      ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
    ]
    let start = Days.fromCivil(year: 2023, month: 9, day: 4)
    return (0..<48).map { i in
      let place = places[(i * 5) % places.count]
      let kind = kinds[(i * 7 + i / 3) % kinds.count]
      return ReportFixtures.event(
        "g\(i)", Days.iso(start + (i * 37) % 56), kind.0, kind.1, place: place.0, country: place.1,
        lat: place.2 + Double(i % 3) * 0.05, lon: place.3, fatalities: i % 4 == 0 ? nil : (i * 13) % 9,
        actor1: ["Example militia", "Example army", "Example coalition"][i % 3])
    }
  }

  /// Decodes an 8-bit RGB(A) PNG with zlib and prints colour statistics as JSON.
  static let pngStats = TestSupport.pngDecoder + #"""
    def near(px, c): return abs(px[0] - c[0]) <= 3 and abs(px[1] - c[1]) <= 3 and abs(px[2] - c[2]) <= 3
    SEA, LAND = (0xd9, 0xe7, 0xf1), (0xf3, 0xf0, 0xe8)
    colours, non_white, sea, land = set(), 0, 0, 0
    x0, y0, x1, y1 = w, h, -1, -1
    for y in range(h):
        line = rows[y]
        for x in range(w):
            px = tuple(line[x * bpp:x * bpp + 3])
            colours.add(px)
            if px != (255, 255, 255): non_white += 1
            if near(px, SEA):
                sea += 1
            elif near(px, LAND):
                land += 1
            else:
                continue
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    coloured = 0
    for y in range(max(y0, 0), y1 + 1):
        line = rows[y]
        for x in range(max(x0, 0), x1 + 1):
            r, g, b = line[x * bpp:x * bpp + 3]
            if max(r, g, b) - min(r, g, b) > 80: coloured += 1
    print(json.dumps({'width': w, 'height': h, 'colours': len(colours), 'non_white': non_white / (w * h),
                      'sea': sea, 'land': land, 'map_box': [x0, y0, x1, y1], 'map_coloured': coloured}))
    """#
}
