import Foundation
import GallraCore
import GallraStore

/// Which version of the register to read.
public enum RegisterSelector: Sendable {
    /// The register in force.
    case current
    /// A version by its number.
    case version(Int64)
    /// The version in force at an instant.
    case inForce(at: Date)
}

extension Gallra {
    /// Checks the register and stores it as a new version; a refused register changes nothing.
    @discardableResult
    public func applyRegister(yaml: String, file: String, by party: Party) async throws -> RegisterVersion {
        try await acting(by: party, needs: .changeRegister) { try await store.versions.apply(yaml: yaml, file: file) }
    }

    /// The controller's e-mail address in the register in force, if any: the sender of the
    /// server's mail unless told otherwise. Public, as the privacy notice says it.
    public func controllerAddress() async throws -> String? {
        try await store.versions.current()?.register.controller.email
    }

    /// A stored version of the register; not found when none matches.
    public func register(_ selector: RegisterSelector = .current, by party: Party) async throws -> RegisterVersion {
        let stored = try await acting(by: party, needs: .readRegister) { () async throws -> RegisterVersion? in
            switch selector {
            case .current: return try await store.versions.current()
            case .version(let number): return try await store.versions.version(number)
            case .inForce(let instant): return try await store.versions.version(at: instant)
            }
        }
        guard let stored else {
            switch selector {
            case .current:
                throw GallraError.notFound(
                    ErrorReason(sv: "Inget register har tillämpats än.", en: "No register has been applied yet."))
            case .version(let number):
                throw GallraError.notFound(
                    ErrorReason(
                        sv: "Det finns ingen registerversion \(number).", en: "There is no register version \(number).")
                )
            case .inForce:
                throw GallraError.notFound(
                    ErrorReason(sv: "Inget register gällde då.", en: "No register was in force then."))
            }
        }
        return stored
    }
}
