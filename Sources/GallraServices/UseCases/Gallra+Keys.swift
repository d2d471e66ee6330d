import GallraCore
import GallraStore

extension Gallra {
    /// Introduces a new master key and re-wraps every data key under it.
    public func rotateKeys(by party: Party) async throws -> (from: Int, to: Int, rewrapped: Int) {
        try await acting(by: party, needs: .manageKeys) { try await store.keys.rotate() }
    }

    /// Removes the master keys no data key is wrapped with any more; returns their versions.
    public func removeRetiredMasterKeys(by party: Party) async throws -> [Int] {
        try await acting(by: party, needs: .manageKeys) { try await store.keys.removeRetired() }
    }

    /// Checks the whole audit chain; names the first entry altered, removed or reordered.
    public func verifyAudit(by party: Party) async throws -> AuditVerification {
        try await acting(by: party, needs: .readAudit) { try await store.verifyAudit() }
    }
}
