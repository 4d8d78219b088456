import Foundation
import SitrepModel

/// A place read from outside the bundled gazetteer, with its other names.
public struct ImportedPlace: Sendable, Hashable {
  public var place: Place
  public var aliases: [String]

  public init(place: Place, aliases: [String]) {
    self.place = place
    self.aliases = aliases
  }
}

/// Reads the GeoNames dump format (`cities5000.txt`, `SY.txt`, `allCountries.txt`):
/// 19 tab-separated columns per place. First-order division names come from
/// `admin1CodesASCII.txt` beside the file, when it is there.
public enum GeoNamesReader {
  /// - Parameter countries: keep only these ISO codes (all when empty).
  /// - Returns: the places, and a problem per malformed line (`file:line`).
  public static func read(_ url: URL, countries: Set<String> = []) throws -> ([ImportedPlace], [SitrepError]) {
    let data: Data
    do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
      throw SitrepError(.unreadable, "cannot read: \(error.localizedDescription)", at: url.path)
    }
    guard !data.isEmpty else { throw SitrepError(.empty, "the file is empty", at: url.path) }
    let admin1 = admin1Names(beside: url)
    var places: [ImportedPlace] = []
    var problems: [SitrepError] = []
    let text = String(decoding: data, as: UTF8.self)
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty || line.hasPrefix("#") { continue }
      let c = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard c.count >= 15, let lat = Double(c[4]), let lon = Double(c[5]), (-90...90).contains(lat),
        (-180...180).contains(lon), !c[1].isEmpty
      else {
        problems.append(
          SitrepError(.malformed, "not a GeoNames row (19 tab-separated columns with coordinates)", at: "\(url.path):\(lineNumber)"))
        if problems.count > 20 && places.isEmpty {
          throw SitrepError(.malformed, "this is not a GeoNames dump file", at: url.path)
        }
        continue
      }
      let country = String(c[8])
      if !countries.isEmpty && !countries.contains(country) { continue }
      let (kind, precision) = kindAndPrecision(featureClass: String(c[6]), code: String(c[7]))
      let admin1Name = admin1["\(country).\(c[10])"] ?? ""
      let aliases = c[3].split(separator: ",").filter(isUsableAlias).prefix(12).map { String($0) }
      let place = Place(
        id: "gn.\(c[0])", name: String(c[1]), kind: kind, precision: precision, country: country,
        admin1: precision == "admin1" ? String(c[1]) : admin1Name, lat: lat, lon: lon, population: Int(c[14]) ?? 0)
      var names = Array(aliases)
      if c[2] != c[1] && !c[2].isEmpty { names.append(String(c[2])) }
      places.append(ImportedPlace(place: place, aliases: names))
    }
    return (places, problems)
  }

  /// GeoNames feature class and code to Sitrep's kind and precision.
  static func kindAndPrecision(featureClass: String, code: String) -> (String, String) {
    switch featureClass {
    case "P": return (code == "PPLC" || code == "PPLA" ? "city" : "town", "locality")
    case "A":
      if code.hasPrefix("PCL") { return ("country", "country") }
      if code == "ADM1" { return ("admin1", "admin1") }
      return ("district", "district")
    case "S": return (["AIRB", "AIRF", "AIRP", "MILB", "INSM"].contains(code) ? "airbase" : "site", "site")
    case "H", "L", "T": return ("region", "region")
    default: return ("site", "site")
    }
  }

  /// Latin-script names a news text could use (not "mdynt …" romanised search keys).
  static func isUsableAlias(_ s: Substring) -> Bool {
    guard (3...40).contains(s.count), s.first?.isUppercase == true else { return false }
    return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || " -'".unicodeScalars.contains($0)) }
  }

  static func admin1Names(beside url: URL) -> [String: String] {
    let file = url.deletingLastPathComponent().appendingPathComponent("admin1CodesASCII.txt")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let c = line.split(separator: "\t", omittingEmptySubsequences: false)
      if c.count >= 3 { out[String(c[0])] = String(c[2]) }
    }
    return out
  }
}

extension Lexicon {
  /// This lexicon with more places (from a GeoNames import). Bundled places
  /// keep priority: an imported place adds names, never replaces one.
  public func adding(places extra: [ImportedPlace]) -> Lexicon {
    guard !extra.isEmpty else { return self }
    var copy = self
    copy.extend(with: extra)
    return copy
  }
}
