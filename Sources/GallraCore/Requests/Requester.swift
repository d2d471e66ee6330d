/// The person behind a request, as far as the caller may see them: their name and their
/// addresses (e-mail, phone), or only the addresses given under the caller's activities.
public struct Requester: Sendable, Equatable {
    /// Nil when the caller may not see it, or the person gave none.
    public let name: String?
    /// E-mail addresses and phone numbers, in the order of their kind.
    public let addresses: [String]
    /// The person is erased whole: nothing of them is left to show.
    public let erased: Bool

    public static let erasedWhole = Requester(name: nil, addresses: [], erased: true)

    public init(name: String?, addresses: [String], erased: Bool) {
        self.name = name
        self.addresses = addresses
        self.erased = erased
    }
}
