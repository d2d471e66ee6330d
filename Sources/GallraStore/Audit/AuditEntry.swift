@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraDatabase

/// One entry of the audit log: who did what, to which subject (by pseudonymous id), in which
/// activity, and when. Never personal data in clear text: `detail` holds ids, categories and
/// event names only.
public struct AuditEntry: Hashable, Sendable {
    public var seq: Int64
    public var at: Int64
    public var actor: String
    public var action: String
    public var subject: String?
    public var activity: String?
    public var detail: String
    public var previousHash: String
    public var hash: String

    /// The hash of the previous entry's hash and this entry's fields: HMAC-SHA256 under the audit
    /// key (`keyed`, a prepared HMAC that is copied for each entry), or plain SHA-256 for entries
    /// written before the chain was keyed (`keyed` nil).
    static func digest(
        seq: Int64, at: Int64, actor: String, action: String, subject: String?, activity: String?, detail: String,
        previousHash: String, keyed: HMAC<SHA256>?
    ) -> String {
        let fields = [previousHash, String(seq), String(at), actor, action, subject ?? "", activity ?? "", detail]
        // Lengths before fields, so that no two different entries serialise alike:
        // "64:<previous hash>|<n>:<seq>|…", written straight into one buffer (a sweep hashes thousands).
        var canonical: [UInt8] = []
        canonical.reserveCapacity(fields.reduce(fields.count * 6) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { canonical.append(UInt8(ascii: "|")) }
            canonical.append(contentsOf: String(field.utf8.count).utf8)
            canonical.append(UInt8(ascii: ":"))
            canonical.append(contentsOf: field.utf8)
        }
        guard var mac = keyed else { return Hex.encode(SHA256.hash(data: canonical)) }
        mac.update(data: canonical)
        return Hex.encode(mac.finalize())
    }

    /// The hash this entry's contents call for, keyed or (before the chain was keyed) plain.
    func computedHash(keyed: HMAC<SHA256>?) -> String {
        Self.digest(
            seq: seq, at: at, actor: actor, action: action, subject: subject, activity: activity, detail: detail,
            previousHash: previousHash, keyed: keyed)
    }
}

/// What is about to be written to the audit log.
public struct AuditEvent: Sendable {
    public var action: String
    public var subject: String?
    public var activity: String?
    public var detail: String

    public init(_ action: String, subject: String? = nil, activity: String? = nil, detail: String = "") {
        self.action = action
        self.subject = subject
        self.activity = activity
        self.detail = detail
    }
}
