import Dispatch
import Foundation
import Hummingbird
import Logging
import SitrepExport
import SitrepModel
import SitrepPipeline
import SitrepStoreSQLite
import Synchronization

extension API {
  /// `GET /api/export?format=`: every matching event in one of the export
  /// formats, streamed: the store is read on a worker thread that waits while
  /// the client is slow, so memory stays flat however many events there are.
  func export(_ request: Request, logger: Logger) throws -> Response {
    let q = try query(request, route: "/api/export")
    let name = q.string("format") ?? "jsonl"
    guard let format = ExportFormat(rawValue: name) else {
      throw APIError.badRequest(
        "unknown format '\(name)'; valid formats: " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let filter = try q.eventFilter(parser)
    let (contentType, ext): (String, String) =
      switch format {
      case .jsonl: ("application/x-ndjson; charset=utf-8", "jsonl")
      case .acledCSV: ("text/csv; charset=utf-8", "csv")
      case .geojson: ("application/geo+json; charset=utf-8", "geojson")
      case .ploverJSON: ("application/json; charset=utf-8", "json")
      }
    let store = self.store
    let lexicon = self.lexicon
    let body = ResponseBody { writer in
      let channel = ChunkChannel()
      DispatchQueue.global().async {
        let sink = ChannelSink(channel)
        do {
          try exportEvents(from: store, matching: filter, format: format, lexicon: lexicon, to: sink)
          try sink.flush()
          channel.finish(nil)
        } catch {
          channel.finish(error)
        }
      }
      defer { channel.cancel() }
      for try await chunk in channel.stream {
        channel.consumed()
        try await writer.write(ByteBuffer(bytes: chunk))
      }
      try await writer.finish(nil)
    }
    return Response(
      status: .ok,
      headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"events.\(ext)\""],
      body: body)
  }
}

/// Chunks of bytes from a blocking producer thread to an async consumer, with
/// at most `window` chunks in flight: the producer waits when the client is slow.
final class ChunkChannel: Sendable {
  struct Cancelled: Error {}

  let stream: AsyncThrowingStream<[UInt8], any Error>
  private let continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
  private let slots: DispatchSemaphore
  private let cancelled = Atomic<Bool>(false)
  static let window = 4

  init() {
    (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
    slots = DispatchSemaphore(value: Self.window)
  }

  /// Blocks until there is room; throws when the consumer has gone.
  func send(_ chunk: [UInt8]) throws {
    slots.wait()
    if cancelled.load(ordering: .acquiring) { throw Cancelled() }
    continuation.yield(chunk)
  }

  /// The consumer took a chunk: one more may come.
  func consumed() { slots.signal() }

  func finish(_ error: (any Error)?) {
    if let error { continuation.finish(throwing: error) } else { continuation.finish() }
  }

  /// The consumer stopped: wake a waiting producer so it gives up. Signals
  /// more than the window, so the semaphore never ends below its initial
  /// value (libdispatch traps when such a semaphore is freed).
  func cancel() {
    cancelled.store(true, ordering: .releasing)
    for _ in 0...Self.window { slots.signal() }
    continuation.finish()
  }
}

/// An ``OutputSink`` that hands 64 KiB chunks to a ``ChunkChannel``.
final class ChannelSink: OutputSink {
  let channel: ChunkChannel
  var buffer: [UInt8] = []
  static let chunkSize = 64 * 1024

  init(_ channel: ChunkChannel) {
    self.channel = channel
    buffer.reserveCapacity(Self.chunkSize)
  }

  func write(_ string: String) throws {
    buffer.append(contentsOf: string.utf8)
    if buffer.count >= Self.chunkSize { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    try channel.send(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws { try flush() }
}
