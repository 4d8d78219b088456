import Dispatch
import Synchronization
import Testing

@testable import SitrepServe

/// The bridge between the store's blocking export loop and the async response body.
struct ExportStreamTests {
  @Test func theProducerStaysAWindowAheadAndStopsWhenTheClientGoes() async throws {
    let channel = ChunkChannel()
    let sent = Mutex(0)
    let stopped = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      do {
        for _ in 0..<10_000 {
          try channel.send(Array(repeating: 65, count: 1024))
          sent.withLock { $0 += 1 }
        }
        channel.finish(nil)
      } catch {
        channel.finish(error)
      }
      stopped.signal()
    }
    var received = 0
    for try await chunk in channel.stream {
      channel.consumed()
      #expect(chunk.count == 1024)
      received += 1
      if received == 3 { break }
    }
    // the client is gone: the producer must not run on through 10,000 chunks, nor hang
    channel.cancel()
    #expect(stopped.wait(timeout: .now() + 10) == .success)
    #expect(sent.withLock { $0 } <= received + ChunkChannel.window + 1)
  }

  @Test func everyChunkArrivesInOrder() async throws {
    let channel = ChunkChannel()
    DispatchQueue.global().async {
      do {
        for i in 0..<200 { try channel.send([UInt8(i % 256)]) }
        channel.finish(nil)
      } catch {
        channel.finish(error)
      }
    }
    var got: [UInt8] = []
    for try await chunk in channel.stream {
      channel.consumed()
      got += chunk
    }
    channel.cancel()
    #expect(got == (0..<200).map { UInt8($0 % 256) })
  }
}
