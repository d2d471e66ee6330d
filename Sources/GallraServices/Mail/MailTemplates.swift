import Foundation
import GallraCore

/// The public pages' e-mails as templates the controller can override (`gallra serve
/// --mail-templates DIR`): one file per message and language, named like `confirm.sv.txt`; its
/// first line is `Subject: …`, then an empty line, then the text, with `{{placeholders}}` filled
/// in. The HTML part is made from the text. A file that names a placeholder its message does not
/// have, or has no subject line, is refused when the server starts.
public struct MailTemplates: Sendable {
    public enum Message: String, CaseIterable, Sendable {
        /// The link to confirm a request.
        case confirm
        /// The request is registered, with its deadline.
        case receipt
        /// An unsubscription carried out.
        case unsubscribed
        /// The link to download the copy of one's data.
        case report
        /// What was done with a request (and what was not, and why).
        case outcome
        /// A request's deadline extended, with the reason (Art. 12(3)).
        case extended
        /// A request refused, with the ground and the reason (Art. 12(4)).
        case refused
        /// The privacy officers' daily reminder of what is due.
        case reminder
        /// A personal data breach told to a person affected (Art. 34).
        case incident

        /// What the message's template may use.
        var placeholders: Set<String> {
            switch self {
            case .confirm: return ["controller", "what", "link"]
            case .receipt: return ["controller", "what", "deadline", "reference"]
            case .unsubscribed: return ["controller", "what", "stopped", "reference"]
            case .report: return ["controller", "what", "link", "expires", "reference"]
            case .outcome: return ["controller", "what", "reference", "outcome", "rights"]
            case .extended: return ["controller", "what", "reference", "deadline", "reason", "rights"]
            case .refused: return ["controller", "what", "reference", "ground", "reason", "rights"]
            case .reminder: return ["controller", "day", "summary", "days", "requests", "incidents", "link"]
            case .incident: return ["controller", "description", "consequences", "measures", "contact"]
            }
        }
    }

    struct Template: Sendable {
        let subject: String
        let body: String
    }

    private var templates: [String: Template]

    /// Gallra's own wording.
    public static let builtIn: MailTemplates = {
        var templates: [String: Template] = [:]
        for (key, text) in allBuiltInTexts { templates[key] = try! parse(text, named: key, as: message(of: key)!) }
        return MailTemplates(templates: templates)
    }()

    /// Gallra's own wording, with each file of `directory` named like `confirm.sv.txt` in its place.
    public static func overriding(from directory: String) throws -> MailTemplates {
        var result = builtIn
        let url = URL(fileURLWithPath: directory)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw GallraError.invalidInput("\(directory): not a readable directory of mail templates.")
        }
        for file in files.sorted() where file.hasSuffix(".txt") {
            let key = String(file.dropLast(4))
            guard result.templates[key] != nil, let message = message(of: key) else {
                let known = allBuiltInTexts.keys.sorted().map { "\($0).txt" }.joined(separator: ", ")
                throw GallraError.invalidInput("\(directory)/\(file): no message has this name; use one of \(known).")
            }
            // try?: a template that cannot be read is refused just below, naming the file
            guard let text = try? String(contentsOf: url.appendingPathComponent(file), encoding: .utf8) else {
                throw GallraError.invalidInput("\(directory)/\(file): not readable as UTF-8 text.")
            }
            result.templates[key] = try parse(text, named: "\(directory)/\(file)", as: message)
        }
        return result
    }

    /// The message in `language`, its placeholders filled in: the subject and the lines of text.
    func render(_ message: Message, _ language: Language, _ values: [String: String]) -> (
        subject: String, lines: [String]
    ) {
        let template = templates["\(message.rawValue).\(language.rawValue)"]!
        func fill(_ text: String) -> String {
            values.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
        }
        return (fill(template.subject), fill(template.body).components(separatedBy: "\n"))
    }

    /// Every message's own wording: the person's and the officers'.
    static var allBuiltInTexts: [String: String] {
        builtInTexts.merging(reminderTexts) { first, _ in first }.merging(incidentTexts) { first, _ in first }
    }

    /// The message a key names: `confirm` of `confirm.sv`.
    private static func message(of key: String) -> Message? {
        key.split(separator: ".").first.flatMap { Message(rawValue: String($0)) }
    }

    private static func parse(_ text: String, named name: String, as message: Message) throws -> Template {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.components(separatedBy: "\n")
        guard let first = lines.first, first.hasPrefix("Subject: "), lines.count > 2, lines[1].isEmpty else {
            throw GallraError.invalidInput("\(name): the first line must be \"Subject: …\", then an empty line.")
        }
        for match in text.matches(of: /\{\{([^}]*)\}\}/) where !message.placeholders.contains(String(match.1)) {
            let allowed = message.placeholders.sorted().map { "{{\($0)}}" }.joined(separator: ", ")
            throw GallraError.invalidInput(
                "\(name): unknown placeholder {{\(match.1)}}; this message has \(allowed).")
        }
        lines.removeFirst(2)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return Template(
            subject: String(first.dropFirst("Subject: ".count)).trimmingCharacters(in: .whitespaces),
            body: lines.joined(separator: "\n"))
    }
}
