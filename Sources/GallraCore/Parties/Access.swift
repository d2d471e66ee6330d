/// What a party may do: a role, and for support the activities assigned to them.
public struct Access: Hashable, Sendable {
    public let role: Role
    /// The activities a support user or token works with; empty for the other roles, whose reach
    /// is every activity.
    public let activities: Set<String>

    public init(role: Role, activities: Set<String> = []) {
        self.role = role
        self.activities = role == .support ? activities : []
    }

    /// Everything: a shell user holding the key file, the scheduled sweep.
    public static let full = Access(role: .admin)

    /// Whether the reach is limited to some activities.
    public var isScoped: Bool { role == .support }

    /// Whether personal data under `activity` is within reach.
    public func reaches(activity: String) -> Bool {
        !isScoped || activities.contains(activity)
    }

    /// Refuses what the role does not grant, naming the role and what was asked.
    public func require(_ permission: Permission) throws(GallraError) {
        guard role.grants(permission) else {
            throw GallraError.forbidden("The role \(role.rawValue) may not do this (\(permission.rawValue)).")
        }
    }

    /// Refuses personal data outside the activities assigned.
    public func require(activity: String) throws(GallraError) {
        guard reaches(activity: activity) else {
            throw GallraError.forbidden("The activity \"\(activity)\" is not assigned to you.")
        }
    }
}
