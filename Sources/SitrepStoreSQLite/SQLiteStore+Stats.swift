import Foundation
import GRDB
import SitrepModel

/// Counts of the events a filter selects, for charts and filter panels.
public struct EventStats: Sendable, Hashable {
  public struct Count: Sendable, Hashable {
    public var key: String
    public var count: Int
  }

  public var total: Int
  /// Key: the Monday (`YYYY-MM-DD`) of the ISO week; only events dated to a day, oldest first.
  public var byWeek: [Count]
  /// Most frequent first.
  public var byEventType: [Count]
  /// ISO 3166-1 alpha-2 (`XX`: seas; empty: unknown), most frequent first.
  public var byCountry: [Count]
  /// Events dated only to a month or a year (not in `byWeek`).
  public var notDatedToDay: Int
}

extension SQLiteStore {
  /// Counts by week, event type and country of the events matching the
  /// filter (its limit and offset are ignored), in one read.
  public func eventStats(matching filter: EventFilter) throws -> EventStats {
    var f = filter
    f.limit = nil
    f.offset = 0
    return try read { db in
      func counts(_ key: String, where extra: String = "", order: String, name: (Row) -> String) throws -> [EventStats.Count] {
        let (sql, args) = Self.select("\(key) AS k, count(*) AS n", f, order: nil)
        return try Row.fetchAll(db, sql: sql + extra + " GROUP BY k ORDER BY " + order, arguments: args).map {
          EventStats.Count(key: name($0), count: $0["n"])
        }
      }
      let (countSQL, countArgs) = Self.select("count(*)", f, order: nil)
      let total = try Int.fetchOne(db, sql: countSQL, arguments: countArgs) ?? 0
      // day 0 (1970-01-01) was a Thursday: the Monday on or before day d is d - ((d mod 7) + 3) mod 7
      let weeks = try counts(
        "i.day_lo - (((i.day_lo % 7) + 10) % 7)", where: " AND i.date_precision = 'day' AND i.day_lo IS NOT NULL", order: "k"
      ) { EventFilter.iso(Int(($0["k"] as Int64?) ?? 0)) }
      let types = try counts("COALESCE(i.event_type, '')", order: "n DESC, k") { ($0["k"] as String?) ?? "" }
      let countries = try counts("COALESCE(i.country, '')", order: "n DESC, k") { ($0["k"] as String?) ?? "" }
      let dated = weeks.reduce(0) { $0 + $1.count }
      return EventStats(
        total: total, byWeek: weeks, byEventType: types, byCountry: countries, notDatedToDay: total - dated)
    }
  }
}
