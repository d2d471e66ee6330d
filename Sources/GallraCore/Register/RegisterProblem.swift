/// One thing wrong (or worth a look) in a register file, at its line.
public struct RegisterProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// The register is refused.
        case error
        /// Useful information is missing; the register is still accepted.
        case warning
    }

    public let line: Int
    public let severity: Severity
    /// What is wrong, in each language the admin UI speaks.
    public let text: LocalizedText

    public init(line: Int, severity: Severity = .error, text: LocalizedText) {
        self.line = line
        self.severity = severity
        self.text = text
    }

    /// A problem said the same way in every language (an error from a library, say).
    public init(line: Int, severity: Severity = .error, message: String) {
        self.init(line: line, severity: severity, text: LocalizedText(message))
    }

    /// What is wrong, in English (the command line's language).
    public var message: String { text[.en] }

    public func message(in language: Language) -> String { text[language] }

    public var description: String { formatted(file: "register") }

    /// `FILE:LINE: message`, or `FILE:LINE: warning: message`.
    public func formatted(file: String, in language: Language = .en) -> String {
        let warning = language == .sv ? "varning" : "warning"
        let message = message(in: language)
        return severity == .error ? "\(file):\(line): \(message)" : "\(file):\(line): \(warning): \(message)"
    }
}

/// The result of reading a register file: the register when it has no errors, and every problem.
public struct RegisterCheck: Sendable {
    public let register: Register?
    public let problems: [RegisterProblem]

    public var errors: [RegisterProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [RegisterProblem] { problems.filter { $0.severity == .warning } }
    public var isValid: Bool { register != nil }
}

/// A register that was refused, with every problem; thrown where a register must be valid.
public struct RegisterError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let problems: [RegisterProblem]

    public init(file: String, problems: [RegisterProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String { message(in: .en) }

    public func message(in language: Language) -> String {
        problems.filter { $0.severity == .error }.map { $0.formatted(file: file, in: language) }.joined(separator: "\n")
    }
}
