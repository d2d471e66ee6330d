/// The register of processing activities as data: JSON and CSV (the Art. 30 record, one row an
/// activity), with text in one language.
extension Register {
    public func exportJSON(language: Language) -> JSONText {
        func text(_ value: LocalizedText?) -> JSONText { .optional(value.map { $0[language] }) }
        let controller: JSONText = .object([
            ("name", .string(self.controller.name)),
            ("organisation_number", .optional(self.controller.organisationNumber)),
            ("address", .optional(self.controller.address)),
            ("email", .optional(self.controller.email)),
            ("phone", .optional(self.controller.phone)),
            ("time_zone", .string(self.controller.timeZone)),
        ])
        let activities: [JSONText] = activities.map { activity in
            .object([
                ("id", .string(activity.id)),
                ("name", text(activity.name)),
                ("purpose", text(activity.purpose)),
                ("data_subjects", .array(activity.dataSubjects.map(JSONText.string))),
                ("data", .array(activity.data.map(JSONText.string))),
                ("special_categories", .bool(activity.data.contains { category($0)?.isSpecial == true })),
                ("legal_basis", .array(activity.legalBasis.map { .string($0.rawValue) })),
                ("law", .optional(activity.law)),
                ("retention", .string(activity.retention.description)),
                ("retention_text", text(activity.retentionText)),
                ("on_expiry", .string(activity.onExpiry.rawValue)),
                ("systems", .array(activity.systems.map(JSONText.string))),
                ("recipients", .array(activity.recipients.map(JSONText.string))),
                ("source", .string(activity.source.rawValue)),
                ("security", text(activity.security)),
            ])
        }
        var fields: [(String, JSONText)] = [
            ("version", .number(version)), ("controller", controller), ("activities", .array(activities)),
        ]
        // Only a register that keeps a processor's record (Art. 30(2)) has the member.
        if let processor = processorJSON(language: language) { fields.append(("processor", processor)) }
        return .object(fields)
    }

    public static let csvColumns = [
        "id", "name", "purpose", "data_subjects", "data", "legal_basis", "law", "retention", "retention_text",
        "on_expiry", "systems", "recipients", "source", "security",
    ]

    /// RFC 4180 CSV with a header row; lists are joined with "; ".
    public func exportCSV(language: Language) -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for activity in activities {
            let fields: [String] = [
                activity.id, activity.name[language], activity.purpose[language],
                activity.dataSubjects.joined(separator: "; "), activity.data.joined(separator: "; "),
                activity.legalBasis.map(\.rawValue).joined(separator: "; "), activity.law ?? "",
                activity.retention.description, activity.retentionText?[language] ?? "", activity.onExpiry.rawValue,
                activity.systems.joined(separator: "; "), activity.recipients.joined(separator: "; "),
                activity.source.rawValue, activity.security?[language] ?? "",
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A field as RFC 4180 wants it. A field a spreadsheet would read as a formula (it begins with
    /// =, +, -, @, a tab or a carriage return) gets a leading apostrophe and quotes, so that opening
    /// the export never runs what a register's text says (OWASP: CSV injection).
    public static func csvField(_ value: String) -> String {
        let formula = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let text = formula ? "'" + value : value
        guard formula || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
