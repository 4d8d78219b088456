import Foundation
import SitrepModel

/// Splits text into word, number and punctuation tokens with UTF-8 offsets
/// and a folded form for matching. Works on bytes; converts nothing.
///
/// - Complexity: O(n); allocation-free for ASCII tokens up to 15 bytes
///   (Swift's small strings).
public struct Tokenizer: Sendable {
  public init() {}

  public func tokenize(_ document: inout Document) {
    var table = TokenTable()
    var text = document.text
    let furniture = document.furniture
    text.withUTF8 { bytes in
      table = tokenize(bytes: bytes, furniture: furniture)
    }
    document.tokens = table
  }

  func tokenize(bytes: UnsafeBufferPointer<UInt8>, furniture: [TextRange]) -> TokenTable {
    var table = TokenTable()
    table.starts.reserveCapacity(bytes.count / 5)
    let n = bytes.count
    var i = 0
    var newline = false
    var furnitureIndex = 0
    func inFurniture(_ at: Int) -> Bool {
      while furnitureIndex < furniture.count && Int(furniture[furnitureIndex].end) <= at { furnitureIndex += 1 }
      return furnitureIndex < furniture.count && Int(furniture[furnitureIndex].start) <= at
    }
    func emit(_ start: Int, _ end: Int, _ norm: String, _ flags: TokenFlags) {
      var f = flags
      if newline { f.insert(.newlineBefore) }
      if inFurniture(start) { f.insert(.furniture) }
      table.append(start: UInt32(start), end: UInt32(end), norm: norm, flags: f)
      newline = false
    }
    while i < n {
      let c = bytes[i]
      // white space, including NBSP (C2 A0)
      if c == 32 || c == 9 || c == 13 || c == 12 || c == 11 {
        i += 1
        continue
      }
      if c == 10 {
        newline = true
        i += 1
        continue
      }
      if c == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0 {
        i += 2
        continue
      }
      // typographic punctuation: E2 80 xx
      if c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 {
        let d = bytes[i + 2]
        let norm: String?
        var flags: TokenFlags = .punctuation
        switch d {
        case 0x98, 0x99, 0x9B: norm = "'"; flags.insert(.joiner)
        case 0x9C, 0x9D, 0x9E, 0x9F: norm = "\""
        case 0x90, 0x91: norm = "-"; flags.insert(.joiner)
        case 0x92, 0x93, 0x94, 0x95: norm = "--"
        case 0xA6: norm = "..."
        case 0x8B, 0x8C, 0x8D, 0xAF, 0x80...0x8A: norm = nil  // spaces
        default: norm = "?"
        }
        if let norm { emit(i, i + 3, norm, flags) }
        i += 3
        continue
      }
      if Self.isWordByte(c) {
        let start = i
        let isDigitStart = Self.isDigit(c)
        var allDigits = true
        var ascii = true
        var upper = 0
        var letters = 0
        // initials like U.S. / U.K. / a.m. become one token ("us")
        if Self.isLetter(c), i + 2 < n, bytes[i + 1] == 46, Self.isLetter(bytes[i + 2]) {
          var j = i
          var norm = ""
          var caps = 0
          while j + 1 < n, Self.isLetter(bytes[j]), bytes[j + 1] == 46 {
            if Self.isUpper(bytes[j]) { caps += 1 }
            norm.append(Character(Unicode.Scalar(Self.lower(bytes[j]))))
            j += 2
            if j + 1 < n, Self.isLetter(bytes[j]), bytes[j + 1] == 46 { continue }
            break
          }
          if norm.count >= 2 && (j >= n || !Self.isWordByte(bytes[j])) {
            var flags: TokenFlags = [.word]
            if caps > 0 { flags.insert(.capitalized) }
            if caps == norm.count { flags.insert(.allCaps) }
            emit(start, j, norm, flags)
            i = j
            continue
          }
        }
        while i < n {
          let b = bytes[i]
          if Self.isWordByte(b) {
            if b >= 0x80 {
              // stop at typographic punctuation and NBSP
              if b == 0xE2 && i + 1 < n && bytes[i + 1] == 0x80 { break }
              if b == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0 { break }
              ascii = false
              allDigits = false
            } else if Self.isDigit(b) {
            } else {
              allDigits = false
              letters += 1
              if Self.isUpper(b) { upper += 1 }
            }
            i += 1
          } else if isDigitStart && (b == 44 || b == 46) && i + 1 < n && Self.isDigit(bytes[i + 1]) {
            i += 1  // 1,000 and 3.5
          } else {
            break
          }
        }
        var flags: TokenFlags = []
        if allDigits || (isDigitStart && letters == 0) { flags.insert(.number) } else { flags.insert(.word) }
        if Self.isUpper(bytes[start]) { flags.insert(.capitalized) }
        if letters > 1 && upper == letters { flags.insert(.allCaps) }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
        let norm: String
        if ascii {
          norm = String(unsafeUninitializedCapacity: raw.count) { out in
            for k in 0..<raw.count { out[k] = Self.lower(raw[k]) }
            return raw.count
          }
        } else {
          let s = String(decoding: raw, as: UTF8.self)
          norm = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
          if let first = s.unicodeScalars.first, first.properties.isUppercase { flags.insert(.capitalized) }
        }
        emit(start, i, norm, flags)
        continue
      }
      // ASCII punctuation, or a stray non-letter byte
      var flags: TokenFlags = .punctuation
      if c == 45 || c == 39 { flags.insert(.joiner) }
      if c < 0x80 {
        emit(i, i + 1, String(Character(Unicode.Scalar(c))), flags)
        i += 1
      } else {
        // a multi-byte symbol: take the whole scalar
        var j = i + 1
        while j < n && bytes[j] & 0xC0 == 0x80 { j += 1 }
        emit(i, j, "?", flags)
        i = j
      }
    }
    return table
  }

  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
  @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
  @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
  @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c + 32 : c }

  /// Letters, digits, and non-ASCII bytes (letters of other scripts, accented letters).
  @inline(__always) static func isWordByte(_ c: UInt8) -> Bool {
    isLetter(c) || isDigit(c) || c >= 0x80
  }
}
