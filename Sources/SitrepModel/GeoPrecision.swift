/// How precisely a place is known: `site`, `locality`, `district`, `admin1`,
/// `region` or `country` (EVENTS.md).
public enum GeoPrecision {
  /// Higher is more specific: a site 5, a town 4, a district 3, a province 2,
  /// a region 1, a country (or anything else) 0.
  public static func rank(_ precision: String) -> Int {
    switch precision {
    case "site": return 5
    case "locality": return 4
    case "district": return 3
    case "admin1": return 2
    case "region": return 1
    default: return 0
    }
  }
}
