import Foundation
@testable import SitrepIngest
import SitrepModel
import SitrepTestSupport
import Testing

@Suite struct JSONLReaderTests {
  func read(_ contents: String, limit: Int = 1 << 20) throws -> ReadResult {
    let dir = try TestSupport.scratch()
    defer { dir.remove() }
    let path = try dir.write("a.jsonl", contents)
    var all = ReadResult()
    try JSONLReader.read(path: path, limit: limit, batchSize: 2) { r in
      all.articles += r.articles
      all.skipped += r.skipped.map { SitrepError($0.code, $0.message, at: $0.location.map { ($0 as NSString).lastPathComponent }) }
      all.warnings += r.warnings
    }
    return all
  }

  @Test func acceptsTheCommonFieldNames() throws {
    let r = try read(
      """
      {"id": 17, "body": "Text one.", "headline": "H1", "publishedAt": "2024-01-02T03:04:05Z", "link": "https://e.org/1", "source": {"id": null, "name": "Outlet One"}}
      {"article": "Text two.", "title": "H2", "pubDate": "Tue, 02 Jan 2024 10:00:00 GMT", "url": "https://e.org/2", "outlet": "Outlet Two"}
      {"content": "Text three.", "date": "26-FEB-1987 15:01:01.79", "source": "Reuters"}
      {"text": "Text four.", "published_at": "2024-01-02"}
      """)
    #expect(r.skipped.isEmpty)
    #expect(r.articles.map(\.id) == ["17", "https://e.org/2", "a-3", "a-4"])
    #expect(r.articles.map(\.text) == ["Text one.", "Text two.", "Text three.", "Text four."])
    #expect(r.articles[0].title == "H1")
    #expect(r.articles[0].outlet == "Outlet One")
    #expect(r.articles[0].published?.iso8601 == "2024-01-02T03:04:05Z")
    #expect(r.articles[1].published?.day8601 == "2024-01-02")
    #expect(r.articles[2].published?.day8601 == "1987-02-26")
    #expect(r.articles[2].outlet == "Reuters")
    #expect(r.articles[3].published?.iso8601 == "2024-01-02")
  }

  @Test func badLinesAreNamedAndTheRestIsRead() throws {
    let r = try read("{\"text\": \"ok\"}\n{broken\n\n{\"title\": \"no text\"}\n\"a string\"\n{\"text\": \"also ok\"}")
    #expect(r.articles.map(\.text) == ["ok", "also ok"])
    #expect(r.skipped.map { $0.location ?? "" } == ["a.jsonl:2", "a.jsonl:4", "a.jsonl:5"])
    #expect(r.skipped.map(\.code) == [.malformed, .missingText, .malformed])
  }

  @Test func overLongLinesAreSkipped() throws {
    let long = "{\"text\": \"" + String(repeating: "x", count: 5000) + "\"}"
    let r = try read("{\"text\": \"short\"}\n\(long)\n{\"text\": \"after\"}\n", limit: 1000)
    #expect(r.articles.map(\.text) == ["short", "after"])
    #expect(r.skipped.first?.code == .tooLarge)
  }

  @Test func emptyFileIsAnError() throws {
    #expect(throws: SitrepError.self) { _ = try read("") }
  }
}

@Suite struct PlainTextReaderTests {
  @Test func dateLineGivesThePublicationDate() throws {
    let r = PlainTextReader.read(Array("date 2021-11-19 \n\nBody text.".utf8), path: "/x/report-9.txt", manifest: nil)
    let a = try #require(r.articles.first)
    #expect(a.id == "report-9")
    #expect(a.published?.iso8601 == "2021-11-19")
    #expect(a.text == "date 2021-11-19 \n\nBody text.")  // unchanged
  }

  @Test func impossibleDateLineIsAWarning() throws {
    let r = PlainTextReader.read(Array("date 2023-02-30\nBody.".utf8), path: "/x/r.txt", manifest: nil)
    #expect(r.articles.first?.published == nil)
    #expect(r.warnings.count == 1)
  }

  @Test func manifestSuppliesMetadata() throws {
    let (manifest, problems) = Manifest.read(
      Array("{\"file\": \"r.txt\", \"id\": \"R-1\", \"published\": \"2022-01-05\", \"url\": \"https://e.org/r\", \"outlet\": \"E\"}\nnot json\n".utf8),
      path: "/x/manifest.jsonl")
    #expect(problems.map { $0.location ?? "" } == ["/x/manifest.jsonl:2"])
    let r = PlainTextReader.read(Array("Body.".utf8), path: "/x/r.txt", manifest: manifest.entry(forFile: "r.txt"))
    let a = try #require(r.articles.first)
    #expect(a.id == "R-1")
    #expect(a.published?.iso8601 == "2022-01-05")
    #expect(a.url == "https://e.org/r")
    #expect(a.outlet == "E")
  }
}

@Suite struct InputBytesTests {
  @Test func binaryAndText() {
    #expect(InputBytes.looksBinary([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]))
    #expect(!InputBytes.looksBinary(Array("Plain text with “quotes” and ümlauts.\n".utf8)))
    #expect(!InputBytes.looksBinary([UInt8]()))
  }

  @Test func brokenUTF8IsReplacedAndReported() {
    let (text, repaired) = InputBytes.decode([0x61, 0xFF, 0x62])
    #expect(text == "a\u{FFFD}b")
    #expect(repaired)
    let (bom, fixed) = InputBytes.decode([0xEF, 0xBB, 0xBF, 0x61])
    #expect(bom == "a")
    #expect(!fixed)
  }
}
