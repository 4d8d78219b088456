import Foundation
import SitrepModel

/// Reading a file's bytes with the checks every format needs: size limit,
/// empty file, binary content, and UTF-8 decoding with replacement.
enum InputBytes {
  /// Reads the whole file, refusing files over `limit` bytes.
  static func read(_ path: String, limit: Int) throws(SitrepError) -> [UInt8] {
    let fm = FileManager.default
    guard fm.isReadableFile(atPath: path) else {
      throw SitrepError(.unreadable, "permission denied or not readable", at: path)
    }
    let size = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > limit {
      throw SitrepError(
        .tooLarge, "file is \(formatBytes(size)), over the \(formatBytes(limit)) limit (raise it with --max-file-size)",
        at: path)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SitrepError(.unreadable, "cannot open the file", at: path)
    }
    defer { try? handle.close() }
    let data: Data
    do { data = try handle.readToEnd() ?? Data() } catch {
      throw SitrepError(.unreadable, "read failed: \(error.localizedDescription)", at: path)
    }
    if data.count > limit {
      throw SitrepError(.tooLarge, "file grew over the \(formatBytes(limit)) limit while reading", at: path)
    }
    return [UInt8](data)
  }

  /// Whether these bytes look like a binary file rather than text: a NUL
  /// byte, or many control characters, in the first 8 KiB.
  static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
    var control = 0
    var count = 0
    for b in bytes.prefix(8192) {
      count += 1
      if b == 0 { return true }
      if b < 32 && b != 9 && b != 10 && b != 13 && b != 12 && b != 27 { control += 1 }
    }
    return count > 0 && control * 10 > count  // over 10% control characters
  }

  /// Decodes UTF-8, replacing invalid sequences with U+FFFD.
  /// - Returns: the text and whether anything had to be replaced.
  static func decode(_ bytes: some Collection<UInt8>) -> (String, repaired: Bool) {
    var bytes = Array(bytes)
    // drop a UTF-8 byte order mark
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
    return (String(decoding: bytes, as: UTF8.self), true)
  }

  static func formatBytes(_ n: Int) -> String {
    if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / 1_048_576) }
    if n >= 1 << 10 { return String(format: "%.1f KB", Double(n) / 1024) }
    return "\(n) bytes"
  }
}
