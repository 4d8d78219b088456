import Foundation
import GRDB
import SitrepModel

extension SQLiteStore {
  /// Stores the base map (already parsed and encoded by the caller), replacing any earlier one.
  public func saveBasemap(_ data: Data, source: String, countries: Int) throws {
    try writeOrThrow { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO basemap (id, source, countries, data, imported_at) VALUES (1, ?, ?, ?, ?)",
        arguments: [source, countries, data, Self.timestamp()])
    }
  }

  /// The stored base map's encoded data and where it came from, or nil when none was imported.
  public func basemap() throws -> (data: Data, source: String, countries: Int)? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT data, source, countries FROM basemap WHERE id = 1").map {
        ($0["data"], $0["source"], $0["countries"])
      }
    }
  }
}
