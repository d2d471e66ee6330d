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
                    switch agreement.standing(on: today) {
                    case .notYetSigned(let signed):
                        warnings.append(
                            "processor \"\(recipient.id)\"\(sending) has no agreement in force yet: it is signed from \(signed) (Art. 28(3))"
                        )
                    case .expired(let expires):
                        warnings.append(
                            "processor \"\(recipient.id)\"\(sending) has no agreement in force: it expired on \(expires) (Art. 28(3))"
                        )
                    case .expiresSoon(let expires, let days):
                        warnings.append(
                            "the agreement with processor \"\(recipient.id)\" expires on \(expires), in \(days) day\(days == 1 ? "" : "s")"
                        )
                    case .inForce: break
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
            switch agreement.standing(on: today) {
            case .notYetSigned(let signed):
                warnings.append(
                    "the agreement with controller \"\(client.id)\" is signed from \(signed): processing on its behalf has no agreement in force yet (Art. 28(3))"
                )
            case .expired(let expires):
                warnings.append(
                    "the agreement with controller \"\(client.id)\" expired on \(expires): processing on its behalf has no agreement in force (Art. 28(3))"
                )
            case .expiresSoon(let expires, let days):
                warnings.append(
                    "the agreement with controller \"\(client.id)\" expires on \(expires), in \(days) day\(days == 1 ? "" : "s")"
                )
            case .inForce: break
            }
        }
        return warnings
    }
}

extension ProcessorAgreement {
    /// Where an agreement stands on a day: not yet signed, expired, expiring within
    /// `Register.agreementWarningDays`, or in force.
    enum Standing {
        case notYetSigned(CivilDate)
        case expired(CivilDate)
        case expiresSoon(CivilDate, days: Int)
        case inForce
    }

    func standing(on today: CivilDate) -> Standing {
        if let signed, signed > today { return .notYetSigned(signed) }
        guard let expires else { return .inForce }
        if expires < today { return .expired(expires) }
        let days = expires.daysSinceEpoch - today.daysSinceEpoch
        return days <= Register.agreementWarningDays ? .expiresSoon(expires, days: days) : .inForce
    }
}
