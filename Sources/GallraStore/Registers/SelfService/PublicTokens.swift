import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The single-use tokens of the public pages' e-mail links: only each token's SHA-256 is kept, and
/// what it carries (an address, a request's details) is sealed.
public struct PublicTokens: StoreRegister {
    let store: Store

    /// Stores a token; inside a transaction, it joins it.
    public func issue(digest: String, purpose: String, payload: String, expires: Date) async throws {
        let sealed = try store.keys.selfServiceCipher().seal(payload, context: "token/\(digest)")
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO public_tokens (digest, purpose, payload_sealed, created_at, expires_at)
                VALUES (\(bind: digest), \(bind: purpose), \(bind: sealed), \(bind: Clock.nowMillis()), \(bind: expires.millis))
                """
            ).run()
            try await sql.raw("DELETE FROM public_tokens WHERE expires_at < \(bind: Clock.nowMillis() - 86_400_000)")
                .run()
        }
    }

    /// What a token in force carries, without using it (the page a link opens changes nothing).
    public func peek(digest: String, purpose: String) async throws -> String? {
        guard
            let row = try await data.read.raw(
                """
                SELECT payload_sealed FROM public_tokens WHERE digest = \(bind: digest) AND purpose = \(bind: purpose)
                AND used_at IS NULL AND expires_at > \(bind: Clock.nowMillis())
                """
            ).first()
        else { return nil }
        return try store.keys.selfServiceCipher().open(
            try row.decode(column: "payload_sealed", as: Data.self), context: "token/\(digest)")
    }

    /// Uses a token: what it carries, once; nil when it is unknown, used, expired or for another
    /// purpose. Inside a transaction, the use commits with what it confirms.
    public func take(digest: String, purpose: String) async throws -> String? {
        try await data.transaction { sql in
            guard
                let row = try await sql.raw(
                    """
                    SELECT payload_sealed FROM public_tokens WHERE digest = \(bind: digest) AND purpose = \(bind: purpose)
                    AND used_at IS NULL AND expires_at > \(bind: Clock.nowMillis())
                    """
                ).first()
            else { return nil }
            try await sql.raw(
                "UPDATE public_tokens SET used_at = \(bind: Clock.nowMillis()) WHERE digest = \(bind: digest)"
            ).run()
            return try store.keys.selfServiceCipher().open(
                try row.decode(column: "payload_sealed", as: Data.self), context: "token/\(digest)")
        }
    }
}
