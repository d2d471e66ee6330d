import Foundation
import GallraCore
import GallraStore

/// What applying a register file would do, found before it is applied: the checker's problems by
/// line; against the version in force, the activities added, removed and changed; and, as a dry
/// run, how many records each changed activity holds and how many of them would then be expired.
public struct RegisterReview: Sendable {
    public struct Change: Sendable {
        public let activity: String
        public let name: LocalizedText
        /// The retention rule in force and the new one; nil for an activity added or removed.
        public let before: RetentionRule?
        public let after: RetentionRule?
        /// Other fields than retention differ (name, purpose, legal basis, data, recipients …).
        public let otherFields: Bool
        public let recordsHeld: Int
        /// Records of the activity expired now (waiting for the sweep), before and after applying.
        public let expiredBefore: Int
        public let expiredAfter: Int
    }

    public let problems: [RegisterProblem]
    /// The register read from the file; nil when it is refused.
    public let register: Register?
    public let current: RegisterVersion?
    public let changes: [Change]
    /// The record kept as a processor (Art. 30(2)) differs from the version in force: added,
    /// removed or changed.
    public let processorRecordChanged: Bool
    /// Why applying would be refused even though the file is valid (records held under an
    /// activity the new register leaves out).
    public let refusal: ErrorReason?

    public var canApply: Bool {
        register != nil && refusal == nil && (current == nil || !changes.isEmpty || processorRecordChanged)
    }
}

extension Gallra {
    /// Checks a register file and finds what applying it would change, without changing anything:
    /// the new version is applied in a transaction that is then rolled back.
    public func reviewRegister(yaml: String, by party: Party) async throws -> RegisterReview {
        let check = RegisterReader.check(yaml: yaml)
        return try await acting(by: party, needs: .changeRegister) {
            let current = try await store.versions.current()
            guard let register = check.register else {
                return RegisterReview(
                    problems: check.problems, register: nil, current: current, changes: [],
                    processorRecordChanged: false, refusal: nil)
            }
            let touched = Self.touchedActivities(from: current?.register, to: register)
            let before = try await store.records.counts(activities: touched, at: Date())
            var after: [String: (held: Int, expired: Int)] = [:]
            var refusal: ErrorReason?
            do {
                try await store.transaction {
                    _ = try await store.versions.apply(yaml: yaml, file: "the register under review")
                    after = try await store.records.counts(activities: touched, at: Date())
                    throw DryRun()
                }
            } catch is DryRun {
            } catch GallraError.invalidInput(let message) {
                refusal = message
            }
            let olds = current?.register.activitiesByID ?? [:]
            let news = register.activitiesByID
            let changes = touched.map { id in
                let old = olds[id]
                let new = news[id]
                return RegisterReview.Change(
                    activity: id, name: (new ?? old)!.name, before: old?.retention, after: new?.retention,
                    otherFields: old != nil && new != nil && !Self.sameApartFromRetention(old!, new!),
                    recordsHeld: before[id]?.held ?? 0, expiredBefore: before[id]?.expired ?? 0,
                    expiredAfter: new == nil ? 0 : after[id]?.expired ?? 0)
            }
            return RegisterReview(
                problems: check.problems, register: register, current: current, changes: changes,
                processorRecordChanged: current?.register.processorRecord != register.processorRecord,
                refusal: refusal)
        }
    }

    /// The activities added, removed or changed in any way, in the new register's order, then the removed.
    static func touchedActivities(from old: Register?, to new: Register) -> [String] {
        let olds = old?.activitiesByID ?? [:]
        let news = new.activitiesByID
        let changed = new.activities.filter { activity in olds[activity.id] != activity }.map(\.id)
        let removed = (old?.activities ?? []).filter { news[$0.id] == nil }.map(\.id)
        return changed + removed
    }

    static func sameApartFromRetention(_ a: ProcessingActivity, _ b: ProcessingActivity) -> Bool {
        var b = b
        b.retention = a.retention
        b.retentionText = a.retentionText
        return a == b
    }
}

/// Thrown to roll a dry run back.
private struct DryRun: Error {}
