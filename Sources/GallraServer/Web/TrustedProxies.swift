import Foundation
import Hummingbird

#if canImport(Glibc)
    import Glibc
#endif

/// The reverse proxies the operator names (`--trusted-proxy CIDR`): only from them is
/// `X-Forwarded-For` believed. Behind a proxy every connection comes from the proxy, so without
/// this, limits keyed on the client would be keyed on the proxy and shared by everyone.
public struct TrustedProxies: Sendable, Equatable {
    /// An address range: the bytes of its network (4 or 16) and the length of its prefix.
    public struct Range: Sendable, Equatable, CustomStringConvertible {
        let network: [UInt8]
        let prefix: Int

        /// "10.0.0.0/8", "::1/128", or one address ("127.0.0.1" is "/32").
        public init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let address = TrustedProxies.bytes(of: parts[0]) else { return nil }
            let bits = address.count * 8
            if parts.count == 2 {
                guard let prefix = Int(parts[1]), (0...bits).contains(prefix), parts[1].allSatisfy(\.isNumber)
                else { return nil }
                self.prefix = prefix
            } else {
                self.prefix = bits
            }
            self.network = address
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            for index in 0..<network.count {
                let bits = min(8, max(0, prefix - index * 8))
                let mask: UInt8 = bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != network[index] & mask { return false }
            }
            return true
        }

        public var description: String {
            TrustedProxies.text(of: network) + "/\(prefix)"
        }
    }

    public let ranges: [Range]

    public init(_ ranges: [Range] = []) {
        self.ranges = ranges
    }

    /// The ranges given, or an error naming the one that is not a range.
    public init(parsing texts: [String]) throws {
        self.ranges = try texts.map { text in
            guard let range = Range(text) else {
                throw TrustedProxyError(
                    description:
                        "\"\(text)\" is not an address range: give one as 127.0.0.1, 10.0.0.0/8 or ::1/128.")
            }
            return range
        }
    }

    /// The client of a connection from `peer`: the peer itself, unless it is a trusted proxy;
    /// then the last address in `X-Forwarded-For` that is not a trusted proxy (earlier ones are
    /// written by the client and may be forged).
    public func client(peer: String, forwardedFor headers: [String]) -> String {
        guard trusts(peer) else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed().prefix(32) {
            guard let address = Self.bytes(of: hop) else { return peer }
            if !trusts(address) { return Self.text(of: address) }
        }
        return peer
    }

    func trusts(_ address: String) -> Bool {
        Self.bytes(of: address).map(trusts) ?? false
    }

    private func trusts(_ address: [UInt8]) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The bytes of an IPv4 or IPv6 address written as text (an IPv4-mapped IPv6 address as its
    /// IPv4 bytes); nil for anything else.
    static func bytes(of text: String) -> [UInt8]? {
        guard text.utf8.count <= 64, !text.isEmpty else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return Array(bytes.suffix(4))
        }
        return bytes
    }

    static func text(of bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }
        .joined(separator: ":")
    }
}

public struct TrustedProxyError: Error, CustomStringConvertible {
    public let description: String
}

/// Sets the request's client address: the connection's peer, or behind a trusted proxy the
/// client it names.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = GallraRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard !proxies.ranges.isEmpty else { return try await next(request, context) }
        var context = context
        let forwarded = request.headers[values: .init("X-Forwarded-For")!]
        context.clientAddress = proxies.client(peer: context.clientAddress, forwardedFor: forwarded)
        return try await next(request, context)
    }
}
