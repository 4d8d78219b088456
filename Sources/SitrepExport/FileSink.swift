import Foundation
import SitrepModel

/// An ``OutputSink`` that writes to a file or a stream through a buffer of
/// about 64 KiB, so that many small writes make few system calls.
///
/// Call `close()` when done: it writes what is still buffered. A sink over
/// standard output leaves the descriptor open.
///
/// - Complexity: `write` is O(n) in the string's UTF-8 length, amortised.
public final class FileSink: OutputSink {
  private let handle: FileHandle
  private let ownsHandle: Bool
  private let capacity: Int
  private let path: String?
  private var buffer: [UInt8] = []
  private var isClosed = false

  /// A sink over an open handle.
  /// - Parameters:
  ///   - handle: where the bytes go.
  ///   - ownsHandle: close the handle in `close()`.
  ///   - capacity: bytes buffered before they are written.
  public init(handle: FileHandle, ownsHandle: Bool = false, capacity: Int = 64 * 1024) {
    self.handle = handle
    self.ownsHandle = ownsHandle
    self.capacity = max(1, capacity)
    self.path = nil
    buffer.reserveCapacity(self.capacity)
  }

  /// A sink that creates the file at `path`, or empties it if it exists.
  /// - Throws: ``SitrepError`` `.unwritable` when the file cannot be opened for writing.
  public init(path: String, capacity: Int = 64 * 1024) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw SitrepError(.unwritable, "cannot open the file for writing", at: path)
    }
    self.handle = handle
    self.ownsHandle = true
    self.capacity = max(1, capacity)
    self.path = path
    buffer.reserveCapacity(self.capacity)
  }

  /// A sink over standard output (left open by `close()`).
  public static func standardOutput(capacity: Int = 64 * 1024) -> FileSink {
    FileSink(handle: .standardOutput, ownsHandle: false, capacity: capacity)
  }

  public func write(_ string: String) throws {
    guard !isClosed else { throw SitrepError(.closed, "write after close", at: path) }
    buffer.append(contentsOf: string.utf8)
    if buffer.count >= capacity { try flush() }
  }

  public func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw SitrepError(.writeFailed, "cannot write: \(error.localizedDescription)", at: path)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered and, if the sink owns it, closes the file. Closing twice does nothing.
  public func close() throws {
    guard !isClosed else { return }
    try flush()
    isClosed = true
    if ownsHandle {
      do { try handle.close() } catch {
        throw SitrepError(.writeFailed, "cannot close: \(error.localizedDescription)", at: path)
      }
    }
  }

  deinit {
    // Best effort for a caller that forgot `close()`; errors are reported only by `close()`.
    if !isClosed {
      try? flush()
      if ownsHandle { try? handle.close() }
    }
  }
}
