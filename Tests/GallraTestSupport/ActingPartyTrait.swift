import GallraCore
import GallraStore
import Testing

/// Runs each test of a suite of the store's own tests on behalf of a party, as a unit of work
/// would: the store writes nothing without one. Not for tests through the use cases or HTTP,
/// which must show that the use case names its party itself.
public struct ActingPartyTrait: TestTrait, SuiteTrait, TestScoping {
    public let party: Party

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await Store.acting(as: party) { try await function() }
    }
}

extension Trait where Self == ActingPartyTrait {
    /// Each test acts as `party` (by default a user named "test").
    public static func acting(as party: Party = .user("test")) -> Self { ActingPartyTrait(party: party) }
}
