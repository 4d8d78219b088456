import Foundation
import SitrepModel

/// One article's account of an incident, as resolution sees it.
public struct Report: Sendable, Hashable {
  public var seq: Int64
  public var article: String
  /// The article this one is a near-copy of, else itself: copies count as one source.
  public var originalArticle: String
  public var sentenceStart: Int
  public var eventType: String
  public var subEventType: String
  public var date: FuzzyDate
  public var country: String?
  public var lat: Double?
  public var lon: Double?
  public var precision: String
  public var actor1Side: String?
  public var actor2Side: String?

  public init(
    seq: Int64, article: String, originalArticle: String, sentenceStart: Int, eventType: String,
    subEventType: String, date: FuzzyDate, country: String?, lat: Double?, lon: Double?, precision: String,
    actor1Side: String?, actor2Side: String?
  ) {
    self.seq = seq
    self.article = article
    self.originalArticle = originalArticle
    self.sentenceStart = sentenceStart
    self.eventType = eventType
    self.subEventType = subEventType
    self.date = date
    self.country = country
    self.lat = lat
    self.lon = lon
    self.precision = precision
    self.actor1Side = actor1Side
    self.actor2Side = actor2Side
  }
}

/// An analyst's decisions about pairs of reports (indices into the reports
/// given to ``IncidentResolver/resolve(_:links:)``).
public struct AnalystLinks: Sendable {
  public var same: [(Int, Int)]
  public var different: Set<Pair>

  public struct Pair: Sendable, Hashable {
    public let a: Int
    public let b: Int
    public init(_ x: Int, _ y: Int) {
      a = min(x, y)
      b = max(x, y)
    }
  }

  public init(same: [(Int, Int)] = [], different: Set<Pair> = []) {
    self.same = same
    self.different = different
  }

  func keepsApart(_ x: Int, _ y: Int) -> Bool { !different.isEmpty && different.contains(Pair(x, y)) }
}

/// Groups reports from different articles that describe the same incident.
///
/// Two reports are the same incident when their dates are compatible (given
/// both precisions), their places lie within a distance that depends on their
/// precision, their types agree and their actors do not conflict. Two reports
/// of one article are never merged (the extractor already merged what it
/// could). The result does not depend on the order reports were stored: they
/// are visited in an order of their content.
public struct IncidentResolver: Sendable {
  public init() {}

  /// Kilometres within which two places of these precisions can be one place.
  public static func radius(_ precision: String) -> Double {
    switch precision {
    case "site", "locality": return 25
    case "district": return 50
    case "admin1": return 150
    case "region": return 300
    default: return .infinity  // country: the same country is enough
    }
  }

  /// Why two reports can (nil) or cannot (a reason) be the same incident.
  public func conflict(_ a: Report, _ b: Report) -> String? {
    if a.article == b.article { return "same article" }
    if a.eventType != b.eventType { return "event types differ (\(a.eventType) / \(b.eventType))" }
    if a.subEventType != b.subEventType && a.subEventType != "Armed clash" && b.subEventType != "Armed clash" {
      return "sub-event types differ (\(a.subEventType) / \(b.subEventType))"
    }
    // a day is compatible with the day before or after (time zones, late-night reports)
    let slack = a.date.precision == .day && b.date.precision == .day ? 1 : 0
    if !a.date.isCompatible(with: b.date, slackDays: slack) { return "dates differ (\(a.date.iso) / \(b.date.iso))" }
    if let x = a.country, let y = b.country, x != y, x != "XX", y != "XX" { return "countries differ (\(x) / \(y))" }
    if let la = a.lat, let lo = a.lon, let lb = b.lat, let lob = b.lon {
      let limit = max(Self.radius(a.precision), Self.radius(b.precision))
      if limit.isFinite, Self.km(la, lo, lb, lob) > limit { return "places too far apart" }
    }
    if let x = a.actor1Side, let y = b.actor1Side, x != y { return "perpetrators differ (\(x) / \(y))" }
    if let x = a.actor2Side, let y = b.actor2Side, x != y { return "targets differ (\(x) / \(y))" }
    return nil
  }

  /// Why two compatible reports were taken as one incident, in words.
  public func agreement(_ a: Report, _ b: Report) -> String {
    var parts: [String] = []
    parts.append(a.date.iso == b.date.iso ? "same date \(a.date.iso)" : "dates \(a.date.iso) and \(b.date.iso) compatible")
    if let la = a.lat, let lo = a.lon, let lb = b.lat, let lob = b.lon {
      let limit = max(Self.radius(a.precision), Self.radius(b.precision))
      let d = Self.km(la, lo, lb, lob)
      parts.append(
        limit.isFinite
          ? String(format: "places %.0f km apart (limit %.0f km for %@/%@)", d, limit, a.precision, b.precision)
          : "same country \(a.country ?? b.country ?? "?")")
    } else {
      parts.append("no conflicting place")
    }
    parts.append(a.subEventType == b.subEventType ? "same type \(a.subEventType)" : "types \(a.subEventType) / \(b.subEventType) compatible")
    if let x = a.actor1Side ?? b.actor1Side { parts.append("perpetrator side \(x) not contradicted") }
    return parts.joined(separator: "; ")
  }

  /// Clusters of report indices, each one incident, in a deterministic order.
  ///
  /// An analyst's decisions win over the rules: pairs in `links.different`
  /// never share a cluster, and pairs in `links.same` always do (unless that
  /// would put a `different` pair together).
  public func resolve(_ reports: [Report], links: AnalystLinks = AnalystLinks()) -> [[Int]] {
    // most precise reports first (a vague report then joins a precise one), then by content:
    // never by the order they were stored in
    let precise = reports.indices.sorted { Self.visitsBefore(reports[$0], reports[$1]) }
    var clusters: [[Int]] = []
    for i in precise {
      let fits = clusters.firstIndex { members in
        members.allSatisfy { conflict(reports[$0], reports[i]) == nil && !links.keepsApart($0, i) }
      }
      if let c = fits { clusters[c].append(i) } else { clusters.append([i]) }
    }
    // analyst merges: join the clusters of every `same` pair
    for (a, b) in links.same.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
      guard let ca = clusters.firstIndex(where: { $0.contains(a) }), let cb = clusters.firstIndex(where: { $0.contains(b) }),
        ca != cb
      else { continue }
      if clusters[ca].contains(where: { x in clusters[cb].contains { links.keepsApart(x, $0) } }) { continue }
      clusters[ca] += clusters[cb]
      clusters.remove(at: cb)
    }
    return clusters.map { $0.sorted() }
  }

  /// Most precise first, then by content — never by storage order.
  static func visitsBefore(_ a: Report, _ b: Report) -> Bool {
    let pa: (Int, Int, Int) = (-a.date.precision.rank, -a.precisionRank, a.date.interval.lowerBound)
    let pb: (Int, Int, Int) = (-b.date.precision.rank, -b.precisionRank, b.date.interval.lowerBound)
    if pa != pb { return pa < pb }
    let ka: (String, String, String, Int) = (a.country ?? "", a.eventType, a.article, a.sentenceStart)
    let kb: (String, String, String, Int) = (b.country ?? "", b.eventType, b.article, b.sentenceStart)
    return ka < kb
  }

  public static func km(_ aLat: Double, _ aLon: Double, _ bLat: Double, _ bLon: Double) -> Double {
    let r = 6371.0
    let p1 = aLat * .pi / 180
    let p2 = bLat * .pi / 180
    let dp = p2 - p1
    let dl = (bLon - aLon) * .pi / 180
    let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
    return 2 * r * asin(min(1, sqrt(h)))
  }
}

extension Report {
  var precisionRank: Int { GeoPrecision.rank(precision) }
}
