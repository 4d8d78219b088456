import Foundation

/// The OpenAPI 3.1 description of the API, a resource file written by hand
/// (`Resources/openapi.json`); a test checks it against the router.
public enum OpenAPI {
  public static func document() throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "openapi.json is missing from the SitrepServe bundle"])
    }
    return Array(try Data(contentsOf: url))
  }
}
