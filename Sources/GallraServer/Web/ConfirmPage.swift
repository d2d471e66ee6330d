/// A question asked once more before something that cannot be undone (`confirm.mustache`), or,
/// after it, what was done: a heading, what happens, the facts it concerns (the person, the
/// changes), and the form that confirms (`confirm=yes` and the fields it carries).
struct ConfirmPage: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        let term: String
        let value: String
    }

    struct Field: Encodable, Sendable {
        let name: String
        let value: String
    }

    struct Table: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            let cells: [String]
        }

        let caption: String
        let headers: [String]
        let rows: [Row]
    }

    var navSubjects: Bool?
    var navRegister: Bool?
    let heading: String
    /// What happens (before), or what was done (after).
    let what: String
    /// After: the page reports what was done, as a status.
    var done = false
    struct Facts: Encodable, Sendable {
        let items: [Fact]
    }

    /// Nil rather than empty, so that the page leaves the list out.
    var facts: Facts?
    var table: Table?
    /// The confirming form: where it posts, its button, the fields it carries; nil after.
    var action: String?
    var button: String?
    var fields: [Field] = []
    /// A long text the form carries (the register's YAML), in a hidden text area.
    var text: String?
    let back: String
    let backLabel: String
}
