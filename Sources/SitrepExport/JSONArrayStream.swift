import SitrepModel

/// A JSON array written one element per line, as the element arrives: the
/// opening text (`[`, or a wrapper ending in `[`) at the first call, commas
/// between elements, the closing text at `finish`. The streaming JSON writers
/// (GeoJSON, PLOVER) frame their output with it.
struct JSONArrayStream {
  let sink: any OutputSink
  let opening: String
  let closing: String
  private var started = false
  private var finished = false
  private var count = 0

  init(sink: any OutputSink, opening: String, closing: String) {
    self.sink = sink
    self.opening = opening
    self.closing = closing
  }

  mutating func begin() throws {
    guard !started else { return }
    started = true
    try sink.write(opening)
  }

  mutating func append(_ element: JSONText) throws {
    guard !finished else { throw SitrepError(.closed, "write after finish") }
    try begin()
    var text = count == 0 ? "\n" : ",\n"
    element.write(to: &text)
    try sink.write(text)
    count += 1
  }

  mutating func finish() throws {
    guard !finished else { return }
    try begin()
    finished = true
    try sink.write((count == 0 ? "" : "\n") + closing + "\n")
    try sink.flush()
  }
}
