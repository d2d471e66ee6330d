extension RetentionRule: CustomStringConvertible {
    /// The canonical form: one space each side of `+`, `", "` between arguments, units as written.
    public var description: String {
        switch self {
        case .none: return "none"
        case .expression(let expression): return expression.description
        }
    }
}

extension RetentionExpression: CustomStringConvertible {
    public var description: String {
        switch self {
        case .event(let name): return name.rawValue
        case .earliest(let arguments): return "min(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .latest(let arguments): return "max(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .endOfYear(let inner): return "end-of-year(\(inner))"
        case .shifted(let inner, let duration): return "\(inner) + \(duration)"
        }
    }
}

extension RetentionDuration: CustomStringConvertible {
    public var description: String { "\(amount)\(unit.rawValue)" }
}
