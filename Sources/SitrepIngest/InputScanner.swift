import Foundation
import SitrepModel

/// The kind of an input file, from its name and, when that says nothing, its first bytes.
public enum InputFormat: String, Sendable, CaseIterable {
  case jsonl, text, html, feed, manifest
}

/// One file to read.
public struct InputFile: Sendable, Hashable {
  public var path: String
  public var format: InputFormat
  public var size: Int
}

/// Expands the paths a user gave (files or folders, recursively) into input files.
///
/// Hidden files and folders are skipped; `manifest.jsonl` files are returned
/// as `.manifest` so the text files beside them can be given their metadata.
/// Files come out in a stable order (sorted by path within each argument).
public struct InputScanner: Sendable {
  public init() {}

  /// - Returns: the files found and, for each path that could not be used, why.
  public func scan(_ paths: [String]) -> (files: [InputFile], problems: [SitrepError]) {
    var files: [InputFile] = []
    var problems: [SitrepError] = []
    var seen = Set<String>()
    let fm = FileManager.default
    for path in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        problems.append(SitrepError(.notFound, "no such file or folder", at: path))
        continue
      }
      if isDir.boolValue {
        guard let walker = fm.enumerator(atPath: path) else {
          problems.append(SitrepError(.unreadable, "cannot list this folder", at: path))
          continue
        }
        var found: [String] = []
        while let rel = walker.nextObject() as? String {
          let name = (rel as NSString).lastPathComponent
          if name.hasPrefix(".") {
            walker.skipDescendants()
            continue
          }
          let full = (path as NSString).appendingPathComponent(rel)
          var sub: ObjCBool = false
          if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
        }
        guard fm.isReadableFile(atPath: path) else {
          problems.append(SitrepError(.unreadable, "permission denied", at: path))
          continue
        }
        for full in found.sorted() where seen.insert(full).inserted {
          if let file = classify(full) { files.append(file) }
        }
      } else if seen.insert(path).inserted {
        if let file = classify(path) { files.append(file) }
        // a file named on its own still gets the metadata of the manifest beside it
        let manifest = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("manifest.jsonl")
        if fm.fileExists(atPath: manifest), seen.insert(manifest).inserted, let file = classify(manifest) {
          files.append(file)
        }
      }
    }
    return (files, problems)
  }

  /// Picks the format from the file name; unknown extensions are sniffed later.
  func classify(_ path: String) -> InputFile? {
    let name = (path as NSString).lastPathComponent.lowercased()
    let ext = (name as NSString).pathExtension
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let format: InputFormat
    if name == "manifest.jsonl" || name == "manifest.json" {
      format = .manifest
    } else {
      switch ext {
      case "jsonl", "ndjson", "json": format = .jsonl
      case "html", "htm", "xhtml": format = .html
      case "xml", "rss", "atom": format = .feed
      default: format = .text
      }
    }
    return InputFile(path: path, format: format, size: size)
  }
}
