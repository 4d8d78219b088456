import SitrepModel

/// Splits a tokenized document into sentences.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes) before a
/// capitalised word, a number or a quote — unless the word before the stop
/// is a known abbreviation ("Gen.", "Oct.") or a single initial. A line
/// break always ends a sentence, so headlines without a full stop stand
/// alone. Furniture never shares a sentence with reporting.
public struct SentenceSplitter: Sendable {
  /// Abbreviations (folded, without the final period) after which a period does not end a sentence.
  public let abbreviations: Set<String>

  public init(abbreviations: Set<String>) {
    self.abbreviations = abbreviations
  }

  public func split(_ doc: inout Document) {
    let t = doc.tokens
    var sentences: [Sentence] = []
    var start = 0
    var paragraph = 0
    func close(_ end: Int) {
      guard end > start else { return }
      let furnitureTokens = (start..<end).filter { t.flags[$0].contains(.furniture) }.count
      let range = TextRange(start: t.starts[start], end: t.ends[end - 1])
      let isFirstLine = sentences.allSatisfy(\.isFurniture)
      let last = t.norms[end - 1]
      let endsWithStop = last == "." || last == "!" || last == "?" || last == "\"" || last == "'"
      let ownLine = end == t.count || t.flags[end].contains(.newlineBefore)
      sentences.append(
        Sentence(
          tokens: start..<end, range: range, paragraph: paragraph,
          isHeadline: isFirstLine && ownLine && !endsWithStop && (end - start) <= 40,
          isFurniture: furnitureTokens * 2 > (end - start)))
      start = end
    }
    var i = 0
    while i < t.count {
      let f = t.flags[i]
      if i > start {
        let prevFurniture = t.flags[i - 1].contains(.furniture)
        if f.contains(.newlineBefore) || f.contains(.furniture) != prevFurniture {
          close(i)
          if f.contains(.newlineBefore) { paragraph += 1 }
        }
      } else if i == start && f.contains(.newlineBefore) && !sentences.isEmpty {
        paragraph += 1
      }
      let norm = t.norms[i]
      if norm == "." || norm == "!" || norm == "?" || norm == "..." {
        var end = i + 1
        // closing quotes and brackets stay with the sentence
        while end < t.count && !t.flags[end].contains(.newlineBefore)
          && (t.norms[end] == "\"" || t.norms[end] == "'" || t.norms[end] == ")")
        {
          end += 1
        }
        if end >= t.count || t.flags[end].contains(.newlineBefore) {
          i = end
          continue  // the newline closes it
        }
        let next = t.flags[end]
        let startsSentence =
          next.contains(.capitalized) || next.contains(.number) || t.norms[end] == "\"" || t.norms[end] == "'"
        var isAbbreviation = false
        if norm == "." && i > start {
          let prev = t.norms[i - 1]
          let adjacent = t.ends[i - 1] == t.starts[i]
          if adjacent && (abbreviations.contains(prev) || (prev.count == 1 && t.flags[i - 1].contains(.capitalized))) {
            isAbbreviation = true
          }
        }
        if startsSentence && !isAbbreviation {
          close(end)
          i = end
          continue
        }
      }
      i += 1
    }
    close(t.count)
    doc.sentences = sentences
  }
}
