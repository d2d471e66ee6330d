import Foundation
import GallraCore

/// Where a MariaDB or MySQL server is, read from `mariadb://USER:PASSWORD@HOST[:PORT]/DB` (also
/// written `mysql://…`); user and password percent-decoded.
package struct MariaDBAddress: Sendable {
    package let host: String
    package let port: Int
    package let user: String
    package let password: String?
    package let database: String

    package init(url: String) throws(GallraError) {
        let invalid = GallraError.invalidInput(
            "The MariaDB URL \(DatabaseLocation.withoutSecrets(url)) is not valid; write it as mariadb://USER:PASSWORD@HOST[:PORT]/DB."
        )
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty,
            let user = parts.user, !user.isEmpty
        else { throw invalid }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw invalid }
        self.host = host
        self.port = parts.port ?? 3306
        self.user = user.removingPercentEncoding ?? user
        self.password = parts.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
    }
}
