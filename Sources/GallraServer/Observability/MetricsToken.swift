import Hummingbird

/// /metrics tells how busy the server is and how much the sweeps erase: for the operator's
/// scraper only, which sends `Authorization: Bearer TOKEN` (`--metrics-token`). Without a token
/// configured, /metrics is not there at all.
enum MetricsToken {
    static func check(_ request: Request, against token: String?) throws {
        guard let token, !token.isEmpty else { throw HTTPError(.notFound) }
        let given = request.headers[.authorization].flatMap { header -> Substring? in
            guard header.lowercased().hasPrefix("bearer ") else { return nil }
            return header.dropFirst("bearer ".count)
        }
        guard let given, Self.equal(Array(given.utf8), Array(token.utf8)) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"metrics\""],
                message: "/metrics needs the metrics token as \"Authorization: Bearer TOKEN\".")
        }
    }

    /// Compared in time that depends only on the lengths, never on where the bytes first differ.
    static func equal(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count {
            difference |= expected[index] ^ (index < given.count ? given[index] : ~expected[index])
        }
        return difference == 0
    }
}
