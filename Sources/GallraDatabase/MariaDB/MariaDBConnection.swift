import CMariaDB
import Foundation
import GallraCore
import Logging
import PostgresKit
import SQLKit
import Synchronization

/// One connection to MariaDB or MySQL through MariaDB's C client (Debian's libmariadb3), loaded
/// when first needed: Gallra builds and runs without it. Each statement's blocking calls run on
/// NIO's thread pool, never on an event loop, one at a time on the connection; values are bound
/// through the client's prepared statements, never written into the SQL.
package final class MariaDBConnection: SQLDatabase, Sendable {
    private let handle: Mutex<Handle?>
    package let logger: Logger
    package let eventLoop: any EventLoop
    package let serverVersion: UInt
    package var dialect: any SQLDialect { MariaDBDialect() }
    package var queryLogLevel: Logger.Level? { nil }

    private init(handle: Handle, logger: Logger) {
        self.serverVersion = UInt(gallra_mariadb_server_version(handle.pointer))
        self.handle = Mutex(handle)
        self.logger = logger
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.any()
    }

    /// Connects, and sets the session as Gallra reads and writes: UTC, strict, UTF-8.
    /// `statementLimit`: the server ends a statement that runs longer, and the client stops
    /// waiting for an answer a little after.
    package static func connect(
        _ address: MariaDBAddress, logger: Logger, statementLimit: Duration? = nil,
        connectTimeout: Duration = .seconds(10)
    ) async throws -> MariaDBConnection {
        let limit = statementLimit.map { Int($0.components.seconds) } ?? 0
        let opened = try await NIOThreadPool.singleton.runIfActive { () throws -> Handle in
            var error = [CChar](repeating: 0, count: 512)
            let handle = gallra_mariadb_open(
                address.host, UInt32(address.port), address.user, address.password, address.database,
                UInt32(connectTimeout.components.seconds), UInt32(limit > 0 ? limit + 5 : 0), &error, error.count)
            guard let handle else {
                let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw GallraError.unavailable(
                    "Cannot connect to MariaDB at \(address.host):\(address.port)/\(address.database): \(reason).")
            }
            return Handle(pointer: handle)
        }
        let connection = MariaDBConnection(handle: opened, logger: logger)
        do {
            // The session's time zone is set, not assumed: instants go and come as UTC text.
            var settings = [
                "SET time_zone = '+00:00'",
                "SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES', 'NO_BACKSLASH_ESCAPES', 'ANSI_QUOTES')",
                "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
            ]
            if limit > 0 {
                // MariaDB's own limit on a statement, in seconds (MySQL's differs; refused there, harmless).
                settings.append("SET SESSION max_statement_time = \(Double(limit) * 0.9)")
                settings.append("SET SESSION innodb_lock_wait_timeout = \(max(1, limit * 9 / 10))")
            }
            for setting in settings {
                do {
                    try await connection.run(setting, [], onRow: { _ in })
                } catch  where setting.contains("max_statement_time") {
                    // MySQL has no max_statement_time: the client's own read limit remains.
                    continue
                }
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        async throws
    {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try MariaDBValue($0) }
        try await run(sql, values, onRow: onRow)
    }

    package func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// Runs one statement on the thread pool, its rows handed to `onRow` as they come.
    package func run(_ sql: String, _ values: [MariaDBValue], onRow: @escaping @Sendable (any SQLRow) -> Void)
        async throws
    {
        try await NIOThreadPool.singleton.runIfActive {
            try self.handle.withLock { handle in
                guard let handle else {
                    throw GallraError.unavailable("The connection to MariaDB was closed.")
                }
                try Self.runBlocking(handle.pointer, sql, values, onRow: onRow)
            }
        }
    }

    /// What the C callbacks fill: the columns, then each row given on.
    private final class Reading {
        var columns = MariaDBColumns(names: [])
        let onRow: @Sendable (any SQLRow) -> Void
        init(onRow: @escaping @Sendable (any SQLRow) -> Void) { self.onRow = onRow }
    }

    private static func runBlocking(
        _ handle: OpaquePointer, _ sql: String, _ values: [MariaDBValue],
        onRow: @escaping @Sendable (any SQLRow) -> Void
    ) throws {
        // Each value's bytes, kept alive (and unmoved) until the statement has run.
        var storage: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { for buffer in storage { buffer.deallocate() } }
        var bound: [gallra_mariadb_value] = []
        bound.reserveCapacity(values.count)
        func bytes(_ source: some Collection<UInt8>) -> (UnsafePointer<CChar>, UInt) {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, source.count))
            _ = buffer.initialize(from: source)
            storage.append(buffer)
            // swift-format-ignore: NeverForceUnwrap
            let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return (start, UInt(source.count))
        }
        for value in values {
            var cell = gallra_mariadb_value()
            switch value {
            case .null: cell.kind = 0
            case .integer(let number):
                cell.kind = 1
                cell.integer = number
            case .real(let number):
                cell.kind = 2
                cell.real = number
            case .text(let text):
                cell.kind = 3
                (cell.bytes, cell.length) = bytes(text.utf8)
            case .bytes(let data):
                cell.kind = 4
                (cell.bytes, cell.length) = bytes(data)
            }
            bound.append(cell)
        }
        let reading = Reading(onRow: onRow)
        let context = Unmanaged.passRetained(reading)
        defer { context.release() }
        var affected: UInt64 = 0
        var error = [CChar](repeating: 0, count: 512)
        let status = sql.withCString { text in
            gallra_mariadb_run(
                handle, text, UInt(strlen(text)), bound, UInt32(bound.count), context.toOpaque(),
                { context, count, names, lengths, _ in
                    guard let context, let names, let lengths else { return }
                    let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
                    reading.columns = MariaDBColumns(
                        names: (0..<Int(count)).map { index in
                            guard let name = names[index] else { return "" }
                            return String(
                                decoding: UnsafeRawBufferPointer(start: name, count: Int(lengths[index])),
                                as: UTF8.self)
                        })
                },
                { context, count, cells, lengths in
                    guard let context, let cells, let lengths else { return }
                    let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
                    let row = (0..<Int(count)).map { index -> [UInt8]? in
                        guard let cell = cells[index] else { return nil }
                        return Array(UnsafeRawBufferPointer(start: cell, count: Int(lengths[index])))
                    }
                    reading.onRow(MariaDBRow(columns: reading.columns, cells: row))
                }, &affected, &error, error.count)
        }
        guard status == 0 else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw MariaDBFailure(number: Int(status), message: reason)
        }
    }

    /// Closes the connection; a statement still running finishes first.
    package func close() {
        let handle = handle.withLock { handle in
            defer { handle = nil }
            return handle
        }
        guard let closing = handle else { return }
        // Closed on the thread pool: closing says goodbye to the server, which may take a moment.
        NIOThreadPool.singleton.submit { _ in gallra_mariadb_close(closing.pointer) }
    }

    deinit {
        if let open = handle.withLock({ $0 }) { gallra_mariadb_close(open.pointer) }
    }
}

/// The client's handle, handed to the thread pool: used by one thread at a time (under the
/// connection's lock, or once no one else has it).
private struct Handle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// An error MariaDB's server or client gave. The errors whose message quotes a value (a
/// duplicate entry, a value that does not fit its column) have the quoted parts left out: a value
/// may be personal data, and never goes into an error.
package struct MariaDBFailure: Error, CustomStringConvertible {
    package let number: Int
    package let message: String

    /// ER_DUP_ENTRY, ER_TRUNCATED_WRONG_VALUE, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, WARN_DATA_TRUNCATED,
    /// ER_WARN_DATA_OUT_OF_RANGE, ER_WRONG_VALUE_FOR_TYPE, ER_INVALID_CHARACTER_STRING, ER_DUP_ENTRY_WITH_KEY_NAME.
    static let quotingValues: Set<Int> = [1062, 1292, 1366, 1265, 1264, 1411, 1300, 1586]

    package init(number: Int, message: String) {
        self.number = number
        self.message =
            Self.quotingValues.contains(number) ? message.replacing(/'[^']*'/, with: "'…'") : message
    }

    package var description: String { "MariaDB error \(number): \(message)" }
}
