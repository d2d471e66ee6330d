import Foundation
import GallraCore
import GallraStore

/// Where the public pages' e-mail comes from and where its links lead.
public struct SelfServiceSettings: Sendable {
    /// The address people reach the server at; every link is built from it, never from a request.
    public let baseURL: String
    /// The sender's address (the controller's name is the sender's name).
    public let sender: String
    /// The wording of the messages: Gallra's own, or the controller's.
    public let templates: MailTemplates

    public init(baseURL: String, sender: String, templates: MailTemplates = .builtIn) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.sender = sender
        self.templates = templates
    }
}

extension Gallra {
    /// The register in force; the public pages need one.
    func registerInForce() async throws -> Register {
        guard let register = try await store.versions.current()?.register else {
            throw GallraError.unavailable(
                ErrorReason(sv: "Inget register gäller än.", en: "No register is in force yet."))
        }
        return register
    }

    /// How long a confirmation link works.
    public static let confirmationLifetime: TimeInterval = 24 * 3_600
    /// The party the public pages act as before anyone is identified.
    static let selfService = Party.system("privacy-page")

    /// A request sent from the public page: a single-use link to confirm it goes by e-mail to the
    /// address given, the same whether or not the address is known. Nothing else happens until the
    /// link is confirmed.
    public func submitPublicRequest(
        _ kind: PublicRequestKind, email: String, language: Language, details: String?, activities: [String] = [],
        settings: SelfServiceSettings
    ) async throws {
        let address: String
        do {
            address = try SubjectIdentifier.normalisedEmail(email)
        } catch {
            throw GallraError.invalidInput(language == .sv ? "Skriv en e-postadress." : "Give an e-mail address.")
        }
        let calendar = try await calendar()
        let register = try await registerInForce()
        let controller = register.controller
        let trimmed = details?.trimmingCharacters(in: .whitespacesAndNewlines)
        // Only what the register names, in its order; a name it does not know is not kept.
        let chosen = register.activities.map(\.id).filter(activities.contains)
        let payload = PublicRequestPayload(
            kind: kind, email: address, language: language,
            received: calendar.localDate(of: Date()).description,
            details: trimmed?.isEmpty == false ? String(trimmed!.prefix(2_000)) : nil,
            activities: kind.namesActivities && !chosen.isEmpty ? chosen : nil)
        let token = Secret.token()
        let message = PersonMail.confirmation(
            payload,
            concerns: register.activities.filter { (payload.activities ?? []).contains($0.id) }
                .map { $0.name[language] },
            link: settings.baseURL + "privacy/confirm/" + token + "?lang=" + language.rawValue,
            controller: controller, settings: settings)
        try await writing(by: Self.selfService, needs: .writePersonalData) {
            try await store.publicTokens.issue(
                digest: Secret.digest(token), purpose: "confirm",
                payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
                expires: Date().addingTimeInterval(Self.confirmationLifetime))
            try await store.outbox.enqueue(message.rfc5322(), purpose: "confirm")
        }
    }

    /// What a confirmation link is for, while it works; the page it opens changes nothing.
    public func pendingPublicRequest(token: String) async throws -> PendingPublicRequest? {
        guard let text = try await store.publicTokens.peek(digest: Secret.digest(token), purpose: "confirm") else {
            return nil
        }
        let payload = try JSONDecoder().decode(PublicRequestPayload.self, from: Data(text.utf8))
        return PendingPublicRequest(
            kind: payload.kind, concerns: try await names(of: payload.activities ?? [], in: payload.language))
    }

    /// The activities a person may name on the public form, by id and name in their language.
    public func publicActivities(_ language: Language) async throws -> [PublicActivity] {
        try await registerInForce().activities.map { PublicActivity(id: $0.id, name: $0.name[language]) }
    }

    /// The activities' names in the person's language, in the register's order.
    func names(of activities: [String], in language: Language) async throws -> [String] {
        guard !activities.isEmpty else { return [] }
        return try await registerInForce().activities.filter { activities.contains($0.id) }.map { $0.name[language] }
    }

    /// Confirms a request by its link (once; nil when the link is unknown, used or expired): it
    /// enters the request register, the address counting as the verified identity (Art. 12(6)),
    /// with its deadline from the day the form was sent; an unsubscription is carried out at once.
    /// A receipt goes by e-mail. A person the store holds nothing on is registered by the address
    /// alone, so that the request is answered ("we hold no data about you").
    public func confirmPublicRequest(token: String, settings: SelfServiceSettings) async throws -> PublicReceipt? {
        let opened = try await writing(by: Self.selfService, needs: .writePersonalData) {
            () async throws -> (PublicRequestPayload, String, String, [String])? in
            guard let text = try await store.publicTokens.take(digest: Secret.digest(token), purpose: "confirm") else {
                return nil
            }
            let payload = try JSONDecoder().decode(PublicRequestPayload.self, from: Data(text.utf8))
            let subject: String
            do {
                subject = try await store.subjects.resolve(payload.email)
            } catch GallraError.notFound {
                subject = try await store.subjects.add([NewSubject(email: payload.email)])[0]
            }
            let register = try await registerInForce()
            let marketing =
                payload.kind == .unsubscribe ? register.activities.filter(\.directMarketing).map(\.id) : []
            let id = try await store.work(by: .subject(subject)) {
                try await store.requests.open(
                    payload.kind.requestKind, subject: subject, received: CivilDate(iso: payload.received),
                    channel: "web",
                    activities: payload.kind == .unsubscribe
                        ? marketing
                        : register.activities.map(\.id).filter { (payload.activities ?? []).contains($0) }
                            .nilIfEmpty,
                    verifiedHow: "e-mail address confirmed (Art. 12(6))")
            }
            try await store.requests.noteContact(
                id, subject: subject,
                RequestContact(address: payload.email, language: payload.language, message: payload.details))
            return (payload, subject, id, marketing)
        }
        guard let (payload, subject, id, marketing) = opened else { return nil }
        let request = try await store.requests.request(id)
        let register = try await registerInForce()
        var receipt = PublicReceipt(
            kind: payload.kind, reference: request.reference ?? id, deadline: request.deadline,
            stopped: marketing.compactMap { register.activity($0)?.name[payload.language] })
        if payload.kind != .unsubscribe {
            receipt.concerns = (request.scope ?? []).compactMap { register.activity($0)?.name[payload.language] }
        }
        let message = PersonMail.receipt(payload, receipt, controller: register.controller, settings: settings)
        // An unsubscription is carried out at once (its own transactions, as every completion),
        // the receipt its answer, queued as it completes.
        if payload.kind == .unsubscribe && !marketing.isEmpty {
            _ = try await store.work(by: .subject(subject)) {
                try await carryOut(id, answer: .prepared(message, purpose: "receipt"))
            }
        } else {
            try await store.work(by: Self.selfService) {
                try await store.outbox.enqueue(message.rfc5322(), purpose: "receipt", about: (id, subject))
            }
        }
        return receipt
    }
}

extension Gallra {
    /// The outbox's depth: messages waiting to be sent, and those given up (for the overview).
    public func outboxDepth(by party: Party) async throws -> (waiting: Int, failed: Int) {
        try await acting(by: party, needs: .handleIncidents) { try await store.outbox.depth() }
    }
}

extension Array {
    /// nil for an empty array.
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
