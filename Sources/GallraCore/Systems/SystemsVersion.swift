import Foundation

/// A stored version of the systems file.
public struct SystemsVersion: Sendable {
    public let version: Int64
    public let appliedAt: Date
    public let file: SystemsFile
    /// As written: `${NAME}` placeholders kept, so no password is stored.
    public let yaml: String

    public init(version: Int64, appliedAt: Date, file: SystemsFile, yaml: String) {
        self.version = version
        self.appliedAt = appliedAt
        self.file = file
        self.yaml = yaml
    }
}
