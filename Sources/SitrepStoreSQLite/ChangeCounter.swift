import Foundation
import GRDB
import SitrepModel

/// Tells whether the database changed, whoever changed it (this process or
/// another, such as `sitrep ingest` running beside `sitrep serve`): SQLite's
/// `PRAGMA data_version` on a connection of its own changes whenever any
/// other connection commits. Servers use it to keep answers until the data
/// changes.
public final class ChangeCounter: Sendable {
  private let queue: DatabaseQueue

  public init(path: String) throws {
    var config = Configuration()
    config.readonly = true
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
    } catch {
      throw SitrepError(.database, "cannot watch the database for changes: \(error)", at: path)
    }
  }

  /// A number that differs from the last one whenever the data changed since.
  public func version() throws -> Int {
    try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
  }
}
