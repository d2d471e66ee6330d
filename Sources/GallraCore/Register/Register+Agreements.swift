/// GDPR Art. 28(3) and 44–49 checked against a date: processors without an agreement in force,
/// agreements about to expire, transfers without a safeguard.
extension Register {
    /// How far ahead an expiring agreement is warned of.
    public static let agreementWarningDays = 60

    public func agreementWarnings(on today: CivilDate) -> [String] {
        var warnings: [String] = []
        for recipient in recipients {
            let users = activities.filter { $0.recipients.contains(recipient.id) }.map(\.id)
            let sending = users.isEmpty ? "" : " (used by \(users.joined(separator: ", ")))"
            if recipient.kind == .processor || recipient.kind == .subProcessor {
                if let agreement = recipient.agreement {
                    if let signed = agreement.signed, signed > today {
                        warnings.append(
                            "processor \"\(recipient.id)\"\(sending) has no agreement in force yet: it is signed from \(signed) (Art. 28(3))"
                        )
                    } else if let expires = agreement.expires, expires < today {
                        warnings.append(
                            "processor \"\(recipient.id)\"\(sending) has no agreement in force: it expired on \(expires) (Art. 28(3))"
                        )
                    } else if let expires = agreement.expires,
                        expires.daysSinceEpoch - today.daysSinceEpoch <= Self.agreementWarningDays
                    {
                        let days = expires.daysSinceEpoch - today.daysSinceEpoch
                        warnings.append(
                            "the agreement with processor \"\(recipient.id)\" expires on \(expires), in \(days) day\(days == 1 ? "" : "s")"
                        )
                    }
                } else if !users.isEmpty {
                    warnings.append("processor \"\(recipient.id)\"\(sending) has no agreement (Art. 28(3))")
                }
            }
            if let transfer = recipient.transfer, transfer.safeguard == nil {
                warnings.append(
                    "the transfer of recipient \"\(recipient.id)\" to \(transfer.country) has no safeguard (Art. 44–49)"
                )
            }
        }
        for client in processorRecord?.controllers ?? [] {
            // A controller without an agreement is warned of by the checker.
            guard let agreement = client.agreement else { continue }
            if let signed = agreement.signed, signed > today {
                warnings.append(
                    "the agreement with controller \"\(client.id)\" is signed from \(signed): processing on its behalf has no agreement in force yet (Art. 28(3))"
                )
            } else if let expires = agreement.expires, expires < today {
                warnings.append(
                    "the agreement with controller \"\(client.id)\" expired on \(expires): processing on its behalf has no agreement in force (Art. 28(3))"
                )
            } else if let expires = agreement.expires,
                expires.daysSinceEpoch - today.daysSinceEpoch <= Self.agreementWarningDays
            {
                let days = expires.daysSinceEpoch - today.daysSinceEpoch
                warnings.append(
                    "the agreement with controller \"\(client.id)\" expires on \(expires), in \(days) day\(days == 1 ? "" : "s")"
                )
            }
        }
        return warnings
    }
}
