import Foundation
import GallraCore
import Hummingbird
import Logging

/// An error no code path expects: a connected database's own error, a stored value that does not
/// decode, a store that contradicts itself. The caller is told only that it happened and the
/// reference it was logged under; the log gets the kind of error and where, never its text, which
/// may hold personal data or a connected system's internals (postgres-nio's `PSQLError` keeps its
/// own description generic for the same reason).
enum UnexpectedError {
    /// Logs the error; returns the reference: the request's id, which every log entry of the request carries.
    static func log(_ error: any Error, logger: Logger, route: String? = nil) -> String {
        var metadata: Logger.Metadata = ["error.type": .string(String(reflecting: type(of: error)))]
        let reference: String
        if let id = logger[metadataKey: "hb.request.id"] {
            reference = id.description
        } else {
            reference = String(UUID().uuidString.lowercased().prefix(8))
            metadata["reference"] = .string(reference)
        }
        if let route { metadata["route"] = .string(route) }
        switch error {
        case let error as GallraError:
            // Its descriptions never hold personal data (GallraError's contract).
            metadata["error"] = .string(error.description)
        case let error as DecodingError:
            metadata["error"] = .string(Request.explain(error))
        default: break
        }
        logger.error("unexpected error", metadata: metadata)
        return reference
    }

    /// What the caller reads.
    static func message(reference: String) -> String {
        "Something went wrong on the server. It was logged under reference \(reference); give it to the operator."
    }

    /// What a page shows of a background job's failure: an expected error's own words, else
    /// only the reference it was logged under.
    static func shown(_ error: any Error, logger: Logger = Logger(label: "gallra.server")) -> ErrorReason {
        if let error = error as? GallraError {
            if case .integrity = error {
            } else {
                return ErrorReason(sv: error.message(in: .sv), en: error.message(in: .en))
            }
        }
        let reference = log(error, logger: logger)
        return ErrorReason(
            sv: Words(.sv).fill(.unexpectedLogged, ["reference": reference]), en: message(reference: reference))
    }

    /// The answer to the caller: 500, a generic message and the reference.
    static func answer(_ error: any Error, logger: Logger, route: String?) -> HTTPError {
        HTTPError(.internalServerError, message: message(reference: log(error, logger: logger, route: route)))
    }
}
