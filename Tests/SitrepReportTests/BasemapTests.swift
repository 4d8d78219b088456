import Foundation
import SitrepModel
@testable import SitrepReport
import SitrepTestSupport
import Testing

/// Natural Earth admin-0 countries, at both scales, into `Basemap`.
@Suite(.enabled(if: NaturalEarth.available, "needs ../shared/data/naturalearth"))
struct BasemapNaturalEarthTests {
  func country(_ map: Basemap, iso3: String) throws -> Basemap.Country {
    try #require(map.countries.first { $0.iso3 == iso3 }, "\(iso3) missing from \(map.source)")
  }

  /// Every point of every ring inside the box, every ring closed and at least a triangle.
  func expectRings(_ c: Basemap.Country, lon: ClosedRange<Double>, lat: ClosedRange<Double>) {
    #expect(!c.rings.isEmpty)
    for ring in c.rings {
      #expect(ring.count >= 4)
      #expect(ring.first == ring.last)
      for p in ring {
        #expect(p.count == 2)
        #expect(lon.contains(p[0]) && lat.contains(p[1]), "\(c.name): \(p)")
      }
    }
  }

  @Test(arguments: ["ne_110m_admin_0_countries.geojson", "ne_50m_admin_0_countries.geojson", "ne_50m_admin_0_countries_middle_east.geojson"])
  func syriaAndIraqHavePlausibleOutlines(file: String) throws {
    let map = try Basemap.parseGeoJSON(NaturalEarth.data(file), source: file)
    #expect(map.source == file)
    let syria = try country(map, iso3: "SYR")
    #expect(syria.iso2 == "SY")
    #expect(syria.name == "Syria")
    expectRings(syria, lon: 35.5...42.5, lat: 32.2...37.4)
    let iraq = try country(map, iso3: "IRQ")
    #expect(iraq.iso2 == "IQ")
    expectRings(iraq, lon: 38.7...48.7, lat: 29...37.5)
    // Syria's outline spans its whole box, not a sliver of it
    let lons = syria.rings.flatMap { $0.map { $0[0] } }
    #expect((lons.max() ?? 0) - (lons.min() ?? 0) > 6)
  }

  @Test func countsMatchTheFiles() throws {
    let counts = try [
      ("ne_110m_admin_0_countries.geojson", 177), ("ne_50m_admin_0_countries.geojson", 241),
      ("ne_50m_admin_0_countries_middle_east.geojson", 37),
    ].map { file, expected in (try Basemap.parseGeoJSON(NaturalEarth.data(file), source: file).countries.count, expected) }
    for (got, expected) in counts { #expect(got == expected) }
  }

  /// Natural Earth 4.x writes -99 for France's and Norway's ISO codes.
  @Test func minus99CodesFallBack() throws {
    let map = try Basemap.parseGeoJSON(NaturalEarth.data("ne_110m_admin_0_countries.geojson"), source: "110m")
    let france = try #require(map.countries.first { $0.name == "France" })
    #expect(france.iso2 == "FR")
    #expect(france.iso3 == "FRA")
    let norway = try #require(map.countries.first { $0.name == "Norway" })
    #expect(norway.iso2 == "NO")
    #expect(norway.iso3 == "NOR")
    let northernCyprus = try #require(map.countries.first { $0.name == "N. Cyprus" })
    #expect(northernCyprus.iso2 == nil)
    #expect(northernCyprus.iso3 == "CYN")
    let kosovo = try #require(map.countries.first { $0.name == "Kosovo" })
    #expect(kosovo.iso2 == "XK")
    #expect(!map.countries.contains { $0.iso2 == "-99" || $0.iso3 == "-99" })
  }

  /// The 50m world map is stored in the database, so it has to stay small.
  @Test func fiftyMetreWorldEncodesCompactly() throws {
    let raw = try NaturalEarth.data("ne_50m_admin_0_countries.geojson")
    let map = try Basemap.parseGeoJSON(raw, source: "50m")
    let encoded = try JSONEncoder().encode(map)
    #expect(encoded.count < 400_000, "encoded 50m map is \(encoded.count) bytes")
    let decoded = try JSONDecoder().decode(Basemap.self, from: encoded)
    #expect(decoded == map)
    // coordinates are rounded to 0.001 degree
    let sample = map.countries.flatMap { $0.rings.flatMap { $0.flatMap { $0 } } }.prefix(2_000)
    #expect(sample.allSatisfy { ($0 * 1000 - ($0 * 1000).rounded()).magnitude < 1e-6 })
  }

  @Test func toleranceTradesPointsForDetail() throws {
    let raw = try NaturalEarth.data("ne_50m_admin_0_countries_middle_east.geojson")
    func points(_ tolerance: Double) throws -> Int {
      let map = try Basemap.parseGeoJSON(raw, source: "me", tolerance: tolerance)
      return map.countries.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
    }
    let full = try points(0)
    let fine = try points(0.01)
    let coarse = try points(0.1)
    #expect(full > fine)
    #expect(fine > coarse)
    #expect(coarse > 500)
  }
}

/// Files that are not a countries map are refused with a reason.
@Suite struct BasemapBadInputTests {
  func error(_ text: String) -> SitrepError? {
    error(Data(text.utf8))
  }

  func error(_ data: Data) -> SitrepError? {
    do {
      _ = try Basemap.parseGeoJSON(data, source: "input.geojson")
      return nil
    } catch {
      return error
    }
  }

  @Test func notJSON() throws {
    let e = try #require(error("this is not JSON"))
    #expect(e.code == .notJSON)
    #expect(e.description.hasPrefix("[S501] input.geojson: "))
    #expect(e.message.contains("GeoJSON FeatureCollection"))
  }

  @Test func archivesAreNamed() throws {
    let sevenZip = try #require(error(Data([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4])))
    #expect(sevenZip.code == .notJSON)
    #expect(sevenZip.message.contains("7z archive"))
    let empty = try #require(error(Data()))
    #expect(empty.message.contains("empty"))
  }

  @Test func arrayIsNotAFeatureCollection() throws {
    let e = try #require(error("[1, 2, 3]"))
    #expect(e.code == .notFeatureCollection)
    #expect(e.message.contains("array"))
  }

  @Test func singleFeatureIsNotAFeatureCollection() throws {
    let e = try #require(error(#"{"type": "Feature", "properties": {}, "geometry": null}"#))
    #expect(e.code == .notFeatureCollection)
    #expect(e.message.contains("\"type\": \"Feature\""))
  }

  @Test func collectionWithoutPolygons() throws {
    let points = """
      {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "A town"}, "geometry": {"type": "Point", "coordinates": [38.6, 33.5]}},
        {"type": "Feature", "properties": {"name": "Another"}, "geometry": {"type": "Point", "coordinates": [44.0, 36.2]}},
        {"type": "Feature", "properties": {"name": "A road"}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}
      ]}
      """
    let e = try #require(error(points))
    #expect(e.code == .noPolygons)
    #expect(e.message.contains("2 Point"))
    #expect(e.message.contains("1 LineString"))
    let empty = try #require(error(#"{"type": "FeatureCollection", "features": []}"#))
    #expect(empty.code == .noPolygons)
  }

  @Test func projectedCoordinatesAreRefused() throws {
    let mercator = """
      {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"NAME": "Box"},
        "geometry": {"type": "Polygon", "coordinates": [[[4300000, 3900000], [4400000, 3900000], [4400000, 4000000], [4300000, 3900000]]]}}]}
      """
    let e = try #require(error(mercator))
    #expect(e.code == .notLonLat)
    #expect(e.message.contains("EPSG:4326"))
  }

  /// Lower-case property names (other exports of Natural Earth) and "-99" codes.
  @Test func lowerCaseProperties() throws {
    let text = """
      {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso_a2": "-99", "iso_a2_eh": "SY", "iso_a3": "-99", "adm0_a3": "SYR", "name_en": "Syria"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[36, 33], [42, 33], [42, 37], [36, 37], [36, 33]]]]}},
        {"type": "Feature", "properties": null, "geometry": {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}}
      ]}
      """
    let map = try Basemap.parseGeoJSON(Data(text.utf8), source: "small")
    #expect(map.countries.count == 2)
    #expect(map.countries[0].iso2 == "SY")
    #expect(map.countries[0].iso3 == "SYR")
    #expect(map.countries[0].name == "Syria")
    #expect(map.countries[0].rings == [[[36, 33], [42, 33], [42, 37], [36, 37], [36, 33]]])
    #expect(map.countries[1].iso2 == nil)
    #expect(map.countries[1].name == "Unnamed")
  }

  @Test func codableRoundTripsAndReadsPlainArrays() throws {
    let country = Basemap.Country(
      iso2: "SY", iso3: "SYR", name: "Syria",
      rings: [[[35.123, 33.5], [-179.999, -89.001], [42, 37.25], [35.123, 33.5]], [[0, 0], [1, 0], [1, 1], [0, 0]]])
    let map = Basemap(source: "hand-made", countries: [country, .init(iso2: nil, iso3: nil, name: "Fine", rings: [[[0.123456, 1], [2, 3], [4, 5.5], [0.123456, 1]]])])
    let data = try JSONEncoder().encode(map)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"decimals\":3"))
    #expect(text.contains("\"decimals\":6"))
    #expect(try JSONDecoder().decode(Basemap.self, from: data) == map)
    let plain = #"{"source": "plain", "countries": [{"name": "Box", "rings": [[[1, 2], [3, 4], [5, 6], [1, 2]]]}]}"#
    let decoded = try JSONDecoder().decode(Basemap.self, from: Data(plain.utf8))
    #expect(decoded.countries[0].rings == [[[1, 2], [3, 4], [5, 6], [1, 2]]])
    let broken = #"{"source": "x", "countries": [{"name": "Box", "decimals": 3, "rings": ["?"]}]}"#
    #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(Basemap.self, from: Data(broken.utf8)) }
  }

  @Test func simplificationKeepsCornersAndDropsNoise() {
    // a square with a wobble of 0.001 degree on each side
    var ring: [[Double]] = []
    for i in 0...100 { ring.append([Double(i) / 10, i % 2 == 0 ? 0 : 0.001]) }
    for i in 1...100 { ring.append([10, Double(i) / 10]) }
    for i in 1...100 { ring.append([10 - Double(i) / 10, 10]) }
    for i in 1...100 { ring.append([0, 10 - Double(i) / 10]) }
    let out = Simplifier(tolerance: 0.01).simplify([ring])
    #expect(out == [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]])
  }
}
