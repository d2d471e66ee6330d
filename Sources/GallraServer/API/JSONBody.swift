import Foundation
import GallraCore
import Hummingbird

/// A JSON request body that names the fields it takes: a field it does not know is refused, not
/// ignored, so that a misspelt field is never silently dropped.
protocol JSONBody: Decodable {
    /// The JSON keys the body takes.
    static var fields: Set<String> { get }
}

extension Request {
    /// The largest body the API reads: 64 KiB is more than any of its bodies needs.
    static let maximumBodySize = 64 * 1024

    /// Reads the body, at most `maximumBodySize` bytes (413 beyond), as a JSON object (400 when it
    /// is not one) with only the fields `T` takes (422 naming the others), each once (422 naming
    /// one given twice), decoded as `T`.
    func decodeStrictly<T: JSONBody>(_ type: T.Type) async throws -> T {
        let bytes = Array(try await boundedBody("The request body").readableBytesView)
        // JSON between systems is UTF-8 (RFC 8259 §8.1), which never holds a NUL byte; UTF-16 and
        // UTF-32, which JSONSerialization would also read, always do.
        guard !bytes.contains(0) else {
            throw HTTPError(.badRequest, message: "The request body is not a JSON object in UTF-8.")
        }
        let data = Data(bytes)
        // try?: a body that is not a JSON object is refused just below with a 400
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw HTTPError(.badRequest, message: "The request body is not a JSON object.")
        }
        if let repeated = RepeatedFields.first(in: bytes) {
            throw GallraError.invalidInput("The field \"\(repeated)\" is given twice.")
        }
        let unknown = Set(object.keys).subtracting(T.fields).sorted()
        guard unknown.isEmpty else {
            throw GallraError.invalidInput(
                "Unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); this endpoint takes \(T.fields.sorted().joined(separator: ", "))."
            )
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw GallraError.invalidInput(ErrorReason(Self.explain(error)))
        }
    }

    /// The body, at most `maximumBodySize` bytes; a 413 naming `what` beyond.
    func boundedBody(_ what: String) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: Self.maximumBodySize)
        } catch {
            throw HTTPError(.contentTooLarge, message: "\(what) is larger than \(Self.maximumBodySize / 1024) KiB.")
        }
    }

    /// Which field is wrong and how, without repeating its value.
    static func explain(_ error: DecodingError) -> String {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "The field \"\(name(context.codingPath + [key]))\" is required."
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "The field \"\(name(context.codingPath))\" must be \(Self.describe(type))."
        case .dataCorrupted(let context):
            return "The field \"\(name(context.codingPath))\" is not valid."
        @unknown default:
            return "The request body is not what this endpoint takes."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        default: return "of another type"
        }
    }
}
