import Foundation
import SitrepExport
import SitrepLexicon
import SitrepModel
import SitrepStoreSQLite
import Synchronization

/// Writes the events a filter selects from the store in an export format, one
/// event at a time (memory stays flat). Shared by `sitrep export` and the
/// server's `/api/export`.
/// - Returns: how many events were written.
@discardableResult
public func exportEvents(
  from store: SQLiteStore, matching filter: EventFilter, format: ExportFormat, lexicon: Lexicon,
  to sink: any OutputSink
) throws -> Int {
  let sources = SourceTable()
  var writer = makeWriter(format, sink: sink, context: ExportContext(lexicon: lexicon, sources: sources.callAsFunction))
  var count = 0
  try writer.begin()
  // JSONL needs nothing of the articles; the other formats cite them
  try store.forEachEventRecord(matching: filter, order: .id, withSources: format != .jsonl) { record, info in
    sources.set(info)
    try writer.write(record)
    count += 1
  }
  try writer.finish()
  return count
}

/// The articles behind the event being written, for writers that ask by id.
final class SourceTable: Sendable {
  let current = Mutex<[String: SourceInfo]>([:])

  func set(_ sources: [SourceInfo]) {
    current.withLock { c in
      c.removeAll(keepingCapacity: true)
      for s in sources { c[s.id] = s }
    }
  }

  @Sendable func callAsFunction(_ id: String) -> SourceInfo? { current.withLock { $0[id] } }
}
