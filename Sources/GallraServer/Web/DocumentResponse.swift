import Crypto
import Foundation
import GallraCore
import Hummingbird

/// A document of Gallra's (the notice, a person's copy) served as a page of its own. Documents
/// carry their style inline so that they stand alone when saved or printed; the page's
/// Content-Security-Policy admits exactly that style block by its SHA-256, and still no script.
enum DocumentResponse {
    static func html(
        _ html: String, language: Language, filename: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue,
            .contentSecurityPolicy: policy(for: html),
        ]
        if let filename { headers[.contentDisposition] = "inline; filename=\"\(filename)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The server's policy, with the hashes of the document's inline style blocks.
    static func policy(for html: String) -> String {
        let hashes = html.matches(of: /<style>(.*?)<\/style>/.dotMatchesNewlines()).map { match in
            "'sha256-" + Data(SHA256.hash(data: Data(match.1.utf8))).base64EncodedString() + "'"
        }
        guard !hashes.isEmpty else { return SecurityHeaders<GallraRequestContext>.policy }
        return SecurityHeaders<GallraRequestContext>.policy.replacingOccurrences(
            of: "style-src 'self'", with: "style-src 'self' " + hashes.joined(separator: " "))
    }
}
