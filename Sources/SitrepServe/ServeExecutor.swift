import Dispatch

/// Where the server's request tasks run: a concurrent Dispatch queue rather
/// than Swift's cooperative pool, which has one thread per core (two on the
/// development machine). Handlers make blocking SQLite calls and ingest runs
/// extraction; on the cooperative pool a few of them, or any other blocking
/// work in the process (a test run), would stall every other request.
public final class ServeExecutor: TaskExecutor {
  public static let shared = ServeExecutor()

  private let queue = DispatchQueue(label: "sitrep.serve.requests", qos: .userInitiated, attributes: .concurrent)

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }

  /// Runs `body` (and the child tasks it makes, such as the server's
  /// connection tasks) on this executor.
  public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(self, operation: body)
  }
}
