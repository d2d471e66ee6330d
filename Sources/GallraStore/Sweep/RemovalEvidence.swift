import GallraConnectors
import GallraCore
import GallraDatabase

/// How the audit log keeps the evidence of removals.
enum EvidenceForm: Sendable {
    /// An entry per record, under its subject: a request's few records.
    case eachRecord
    /// An entry per action, activity and grounds, listing its records, each with its subject: a
    /// sweep's thousands, which mostly share their grounds. Every record is still named with its
    /// rule, expiry and the moment the sweep acted, in a log a fraction of the size.
    case byGrounds
}

extension Removal {
    /// Records named in one entry at most: an entry stays under 100 kB.
    static let recordsPerEntry = 1_000

    /// The audit events that prove `removals`, in their order.
    static func evidence(of removals: [Removal], as form: EvidenceForm) -> [AuditEvent] {
        switch form {
        case .eachRecord:
            return removals.map {
                AuditEvent($0.auditAction, subject: $0.subject, activity: $0.activity, detail: $0.evidence)
            }
        case .byGrounds:
            return sharingGrounds(removals).flatMap { group in
                group.chunked(into: recordsPerEntry).map(groupEvent)
            }
        }
    }

    var auditAction: String { action == .erase ? "record.erase" : "record.anonymise" }

    /// The removals in groups of the same action, activity and grounds, each group in its first
    /// record's place.
    private static func sharingGrounds(_ removals: [Removal]) -> [[Removal]] {
        var groups: [[Removal]] = []
        var place: [GroupKey: Int] = [:]
        for removal in removals {
            let key = GroupKey(action: removal.action, activity: removal.activity, grounds: removal.grounds)
            if let index = place[key] {
                groups[index].append(removal)
            } else {
                place[key] = groups.count
                groups.append([removal])
            }
        }
        return groups
    }

    private struct GroupKey: Hashable {
        let action: ExpiryAction
        let activity: String
        let grounds: String
    }

    /// "GROUNDS: 2 records: R1 (subject S1), R2 (subject S2)", under the subject when there is one.
    private static func groupEvent(_ group: ArraySlice<Removal>) -> AuditEvent {
        let first = group[group.startIndex]
        var detail = first.grounds
        detail.reserveCapacity(detail.utf8.count + group.count * 88 + 16)
        detail += group.count == 1 ? ": 1 record: " : ": \(group.count) records: "
        for (index, removal) in zip(group.indices, group) {
            if index > group.startIndex { detail += ", " }
            detail += removal.record
            detail += " (subject "
            detail += removal.subject
            detail += ")"
        }
        let subjects = Set(group.map(\.subject))
        return AuditEvent(
            first.auditAction, subject: subjects.count == 1 ? first.subject : nil, activity: first.activity,
            detail: detail)
    }
}
