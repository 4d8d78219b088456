import Foundation
import Hummingbird
import Logging
import SitrepModel

/// An error the API reports as `{"error": {"code": ..., "message": ...}}`.
public struct APIError: Error, Sendable {
  public var status: HTTPResponse.Status
  public var code: String
  public var message: String
  public var headers: HTTPFields = [:]

  public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  static func badRequest(_ message: String, code: String = "invalid_argument") -> APIError {
    APIError(.badRequest, code, message)
  }

  static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }

  func response() -> Response {
    struct Body: Encodable {
      struct Detail: Encodable {
        var code: String
        var message: String
      }
      var error: Detail
    }
    var headers = self.headers
    headers[.contentType] = "application/json; charset=utf-8"
    let data = (try? JSON.encoder().encode(Body(error: .init(code: code, message: message)))) ?? Data("{}".utf8)
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}

/// Turns every error a route throws into the API's JSON error shape: bad
/// input is a 4xx naming the problem; only a failure of ours is a 500.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return error.response()
    } catch let error as SitrepError where error.code == .invalidArgument {
      return APIError.badRequest(error.message).response()
    } catch let error as HTTPError {
      let code: String
      switch error.status.code {
      case 404: code = "not_found"
      case 405: code = "method_not_allowed"
      case 413: code = "payload_too_large"
      default: code = "http_\(error.status.code)"
      }
      let message = error.body ?? (error.status.code == 404 ? "no such route: \(request.method) \(request.uri.path)" : error.status.reasonPhrase)
      var api = APIError(error.status, code, message)
      api.headers = error.headers
      return api.response()
    } catch {
      context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
      return APIError(.internalServerError, "internal", "the server failed to answer: \(error)").response()
    }
  }
}

enum JSON {
  static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }

  static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try encoder().encode(value)
    return Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
