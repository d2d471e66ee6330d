/// A page that says one thing (`message.mustache`): an error in the admin UI, a form too large, a
/// page that does not exist.
struct MessagePage: Encodable, Sendable {
    let heading: String
    let message: String
    /// Where "back" leads: the admin UI's overview unless said.
    var back = "/admin"
}
