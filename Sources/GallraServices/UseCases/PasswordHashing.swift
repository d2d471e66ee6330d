import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking-work threads rather than on the tasks' threads: a hash at cost 12
/// takes a quarter of a second of one core, and the tasks' pool has one thread per core, so a few
/// sign-ins at once would otherwise stall every other request the server is answering.
enum PasswordHashing {
    /// bcrypt's cost: 2^12 rounds, a quarter of a second or so per hash on a server core.
    static let cost: UInt8 = 12

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether the password is the one hashed; with no hash (an unknown login), it checks against
    /// a decoy so that the time taken does not tell whether the login exists.
    static func verify(_ password: String, against hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            Bcrypt.verify(password, hash: hash ?? decoyHash)
        }
    }

    private static let decoyHash = Bcrypt.hash(Secret.password(), cost: cost)
}
