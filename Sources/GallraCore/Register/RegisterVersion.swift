import Foundation

/// A stored version of the register.
public struct RegisterVersion: Sendable {
    public let version: Int64
    public let appliedAt: Date
    public let register: Register
    public let yaml: String

    public init(version: Int64, appliedAt: Date, register: Register, yaml: String) {
        self.version = version
        self.appliedAt = appliedAt
        self.register = register
        self.yaml = yaml
    }
}
