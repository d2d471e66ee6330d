extension ConnectedSystem {
    /// The database setting as it may be shown: `${NAME}` placeholders kept (they name a variable,
    /// not its value), and a password written into the URL, which `SystemsReader` refuses anyway,
    /// replaced by `***`, as is a `password=` in its query.
    public var databaseWithoutSecrets: String {
        var shown = database
        if let userinfo = shown.firstMatch(of: /^([a-z+]+:\/\/)([^@\/]*)@/) {
            let parts = userinfo.2.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[1].wholeMatch(of: /\$\{[A-Za-z_][A-Za-z0-9_]*\}/) == nil {
                shown.replaceSubrange(userinfo.range, with: "\(userinfo.1)\(parts[0]):***@")
            }
        }
        return shown.replacing(/([?&]password=)[^&]*/) { "\($0.1)***" }
    }
}
