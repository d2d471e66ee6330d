import GallraCore
import Hummingbird

/// A JSON body written by `JSONText`, with its status.
struct JSONResponse: ResponseGenerator {
    let body: JSONText
    let status: HTTPResponse.Status

    init(_ body: JSONText, status: HTTPResponse.Status = .ok) {
        self.body = body
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body.description)))
    }
}
