import Foundation
import GRDB
import SitrepLexicon
import SitrepModel

extension SQLiteStore {
  /// Stores imported places in one transaction (an id seen before is replaced).
  /// - Returns: how many places were written.
  @discardableResult
  public func importPlaces(_ places: [ImportedPlace], source: String) throws -> Int {
    let now = Self.timestamp()
    return try writeOrThrow { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT OR REPLACE INTO gazetteer_place (id, name, aliases, kind, precision, country, admin1, lat, lon,
            population, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for item in places {
        let p = item.place
        try insert.execute(arguments: [
          p.id, p.name, item.aliases.joined(separator: "|"), p.kind, p.precision, p.country, p.admin1, p.lat, p.lon,
          p.population, source, now,
        ])
      }
      return places.count
    }
  }

  /// Every imported place.
  public func importedPlaces() throws -> [ImportedPlace] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM gazetteer_place ORDER BY id").map { r in
        ImportedPlace(
          place: Place(
            id: r["id"], name: r["name"], kind: r["kind"], precision: r["precision"], country: r["country"],
            admin1: r["admin1"], lat: r["lat"], lon: r["lon"], population: r["population"]),
          aliases: (r["aliases"] as String).split(separator: "|").map(String.init))
      }
    }
  }
}
