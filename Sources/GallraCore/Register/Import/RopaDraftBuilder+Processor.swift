import Foundation

/// A controller a processor's record names (Art. 30(2)(a)), and what it processes for it.
struct RopaClient {
    let id: String
    let name: String
    let details: String
    let reference: String
    var processing: [String]
    var transfers: [String]
}

/// What the import read of one activity: its name, and each of the five things a register
/// must say of it, nil where it left a decision to a person.
struct RopaReading: Equatable {
    let reference: String
    let name: String
    let subjects: [String]?
    let data: [String]?
    let bases: [LegalBasis]?
    let retention: String?
}

/// A processor's record (the ICO's processor template): one row per category of processing,
/// each naming the controller it is carried out for; they become the `processor` section.
extension RopaDraftBuilder {
    mutating func client(_ row: RopaRow) {
        let details = row[.controllerOf] ?? clients.last?.details ?? ""
        let name = Self.clientName(details)
        let processing = row[.name] ?? row[.purpose]
        if let index = clients.firstIndex(where: { $0.details == details }) {
            if let processing { clients[index].processing.append(processing) }
            if let transfer = row[.transfer], !isNothing(transfer) { clients[index].transfers.append(transfer) }
        } else {
            clients.append(
                RopaClient(
                    id: uniqueId(slug(name.isEmpty ? "controller" : name)), name: name, details: details,
                    reference: row.reference, processing: processing.map { [$0] } ?? [],
                    transfers: row[.transfer].flatMap { isNothing($0) ? nil : [$0] } ?? []))
        }
        if processorSecurity == nil, let security = row[.security], !isNothing(security) {
            processorSecurity = security
        }
    }

    /// The controller's name: the first line of its details, up to the first comma.
    static func clientName(_ details: String) -> String {
        let line = details.split(whereSeparator: \.isNewline).first.map(String.init) ?? details
        return (line.split(separator: ",").first.map(String.init) ?? line).trimmingCharacters(in: .whitespaces)
    }

    /// An e-mail address among the details, when they hold one.
    static func email(in details: String) -> String? {
        details.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>().:"))
        }.first { $0.contains("@") && $0.contains(".") }
    }

    mutating func processorLines() -> [String] {
        guard !clients.isEmpty else { return [] }
        var lines = ["", "# The company's record as a processor (Art. 30(2)), from the table's rows.", "processor:"]
        if let security = processorSecurity { lines.append("  security: \(text(security))") }
        lines.append("  controllers:")
        for client in clients {
            lines.append("    - id: \(client.id)")
            if client.name.isEmpty {
                lines.append(
                    "      name: null  "
                        + todo(
                            client.reference, sv: "namnet på den personuppgiftsansvarige som behandlingen görs för",
                            en: "the name of the controller processed for"))
            } else {
                lines.append("      name: \(quoted(client.name))")
            }
            if let email = Self.email(in: client.details) {
                lines.append("      email: \(quoted(email))")
            } else {
                lines.append(
                    "      email: null  "
                        + todo(
                            client.reference,
                            sv:
                                "den personuppgiftsansvariges e-postadress, telefon eller adress (art. 30.2 a): \(oneLine(client.details))",
                            en:
                                "the controller's e-mail address, phone or address (Art. 30(2)(a)): \(oneLine(client.details))"
                        ))
            }
            if client.processing.isEmpty {
                lines.append(
                    "      processing: []  "
                        + todo(
                            client.reference,
                            sv: "kategorierna av behandling (art. 30.2 b): tabellen lämnar dem tomma",
                            en: "the categories of processing (Art. 30(2)(b)): the table leaves them empty"))
            } else {
                lines.append("      processing:")
                lines += client.processing.map { "        - \(text($0))" }
            }
            for transfer in client.transfers {
                lines.append(
                    "      "
                        + todo(
                            client.reference,
                            sv:
                                "ange överföringen med land eller organisation och skyddsåtgärd (art. 30.2 c): \(oneLine(transfer))",
                            en:
                                "list the transfer with its country or organisation and safeguard (Art. 30(2)(c)): \(oneLine(transfer))"
                        ))
            }
        }
        return lines
    }
}
