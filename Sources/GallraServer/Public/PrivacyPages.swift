import GallraServices

/// The self-service pages' models, each framed by `public.mustache` (the controller's name, the
/// page's path for the language switch).

/// The request form (`privacy-request.mustache`).
struct PrivacyRequestPage: Encodable, Sendable {
    struct Kind: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    let csrf: String
    let path: String
    let controller: String
    let kinds: [Kind]
    /// The activities a person may name for an objection, withdrawal or restriction.
    let activities: [PublicActivity]
    let error: String?
    let hasActivities: Bool

    init(
        csrf: String, path: String, controller: String, kinds: [Kind], activities: [PublicActivity], error: String?
    ) {
        self.csrf = csrf
        self.path = path
        self.controller = controller
        self.kinds = kinds
        self.activities = activities
        self.error = error
        hasActivities = !activities.isEmpty
    }
}

/// The form that opens a person's copy (`privacy-download.mustache`).
struct PrivacyDownloadPage: Encodable, Sendable {
    let csrf: String
    let token: String
    let path: String
    let controller: String
    let error: String?
}

/// A message, or the confirmation of a request by its link (`privacy-message.mustache`).
struct PrivacyMessagePage: Encodable, Sendable {
    let heading: String
    let lines: [String]
    let path: String
    let confirm: Bool?
    let token: String?
    let controller: String
}
