import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// The channels a consent is given or withdrawn through.
    public static let consentChannels = ["web", "email", "phone", "letter", "paper"]

    /// Records a consent (Art. 7(1)) with the version of the wording agreed to; returns its id.
    public func giveConsent(
        subject: String, activity: String, wordingVersion: String, channel: String, at instant: Date, by party: Party
    ) async throws -> String {
        try party.access.require(activity: activity)
        try Self.checkConsentEvidence(wordingVersion: wordingVersion, channel: channel)
        return try await writing(by: party, needs: .writePersonalData) {
            let subject = try await subjectForWrite(subject, by: party)
            return try await store.consents.give(
                subject: subject.id, activity: activity, wordingVersion: wordingVersion, channel: channel, at: instant,
                given: subject.given)
        }
    }

    /// Withdraws a consent (Art. 7(3)): the processing resting on it stops. Returns the consent
    /// as its row now holds it.
    @discardableResult
    public func withdrawConsent(subject: String, activity: String, channel: String, at instant: Date, by party: Party)
        async throws -> ConsentEntry
    {
        try party.access.require(activity: activity)
        try Self.checkConsentEvidence(wordingVersion: nil, channel: channel)
        let id = try await acting(by: party, needs: .writePersonalData) {
            let subject = party.access.isScoped ? try await reachableSubject(subject, by: party) : subject
            return try await store.consents.withdraw(
                subject: subject, activity: activity, channel: channel, at: instant)
        }
        return try await consent(id, by: party)
    }

    /// One consent as its row holds it, within the party's activities.
    public func consent(_ id: String, by party: Party) async throws -> ConsentEntry {
        try await acting(by: party, needs: .readPersonalData) {
            let entry = try await store.consents.entry(id)
            guard party.access.reaches(activity: entry.activity) else {
                throw GallraError.notFound(
                    ErrorReason(sv: "Inget samtycke har id \(id).", en: "No consent has the id \(id)."))
            }
            return entry
        }
    }

    /// A subject's consents, given and withdrawn (for a caller limited to some activities, theirs);
    /// the read is audited.
    public func consents(subject: String, by party: Party) async throws -> [ConsentEntry] {
        try await acting(by: party, needs: .readPersonalData) {
            let id = try await reachableSubject(subject, by: party)
            return try await store.consents.read(subject: id).filter { party.access.reaches(activity: $0.activity) }
        }
    }

    /// The evidence of a consent goes into the audit log as written: a channel from the list and a
    /// version of the wording (letters, digits, `.`, `_`, `-`), never free text that could hold
    /// personal data. Refusals do not repeat what was given.
    static func checkConsentEvidence(wordingVersion: String?, channel: String) throws {
        guard consentChannels.contains(channel) else {
            throw GallraError.invalidInput("The channel is one of \(consentChannels.joined(separator: ", ")).")
        }
        if let wordingVersion {
            guard (1...64).contains(wordingVersion.count), wordingVersion.first?.isASCII == true,
                wordingVersion.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
            else {
                throw GallraError.invalidInput(
                    ErrorReason(
                        sv:
                            "Formuleringens version är 1 till 64 bokstäver a–z, siffror, \".\", \"_\" eller \"-\", som foto-2026-1.",
                        en:
                            "The wording version is 1 to 64 letters a–z, digits, \".\", \"_\" or \"-\", such as foto-2026-1."
                    ))
            }
        }
    }
}
