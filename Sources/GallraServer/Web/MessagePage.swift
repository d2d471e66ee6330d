/// A page that says one thing (`message.mustache`): an error in the admin UI, a form too large.
struct MessagePage: Encodable, Sendable {
    let heading: String
    let message: String
}
