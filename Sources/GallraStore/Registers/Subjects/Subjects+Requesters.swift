import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Subjects {
    /// The requesters of these subjects, opened once each. `reach`, for a caller limited to some
    /// activities, keeps the name out and shows only the addresses given under those activities
    /// (the name and the other identifiers may have been given elsewhere, `SubjectExport.narrowed`).
    /// Each person shown is a read of personal data: one audit entry each, naming `purpose`
    /// (`audited`); a look that shows nothing (the names a search is matched against, of which only
    /// the requests found are shown, and audited then) writes none.
    public func requesters(_ subjects: [String], reach: Set<String>?, audited: Bool, purpose: String = "")
        async throws
        -> [String: Requester]
    {
        let today = try await calendar().localDate(of: Date())
        var result: [String: Requester] = [:]
        var read: [AuditEvent] = []
        for subject in Set(subjects).sorted() {
            guard
                let row = try await data.read.raw("SELECT name_sealed FROM subjects WHERE id = \(bind: subject)")
                    .first()
            else {
                result[subject] = .erasedWhole
                continue
            }
            var identifiers = try await openedIdentifiers(of: subject).filter {
                $0.kind == SubjectIdentifier.Kind.email.rawValue || $0.kind == SubjectIdentifier.Kind.phone.rawValue
            }
            var name: String?
            if let reach {
                var given: [SubjectExport.Identifier] = []
                for identifier in identifiers {
                    guard let named = identifier.identifier(today: today),
                        !(try await activities(givenFor: named)).isDisjoint(with: reach)
                    else { continue }
                    given.append(identifier)
                }
                identifiers = given
            } else if let sealed = try row.decode(column: "name_sealed", as: Data?.self) {
                name = try await cipher(for: subject).open(sealed, context: "\(subject)/name")
            }
            result[subject] = Requester(name: name, addresses: identifiers.map(\.value), erased: false)
            if name != nil || !identifiers.isEmpty {
                read.append(AuditEvent("subject.read", subject: subject, detail: purpose))
            }
        }
        if audited && !read.isEmpty { try await auditRead(read) }
        return result
    }
}
