import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Bodies an attacker sends before signing in, over real HTTP: each is answered, and the server
/// goes on serving. `=` once ended the process while the form was parsed.
@Suite("Hostile bodies before sign-in")
struct HostileBodyTests {
    @Test(
        "Malformed form bodies to the public request page and the sign-in page get a 4xx, and the server lives on",
        arguments: ["/privacy/request", "/admin/login"])
    func malformedForms(path: String) async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.live) { client in
            for body in ["=", "&", "==&=", "%", "a=%", "%zz=%e2%82", String(repeating: "=&", count: 20_000)] {
                let answer = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body))
                #expect(
                    (400..<500).contains(answer.status.code), "\(path) answered \(answer.status) to \(body.prefix(12))")
            }
            let page = try await client.execute(uri: "/admin/login", method: .get)
            #expect(page.status == .ok)
        }
        await store.close()
    }
}

/// A client that opens a connection and never finishes its request (slowloris) loses it.
@Suite("Idle connections are closed")
struct IdleConnectionTests {
    @Test("Half a request, then silence: the server closes the connection after its idle timeout")
    func slowloris() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        var configuration = ServerConfiguration()
        configuration.idleTimeout = .seconds(2)
        let app = buildApplication(gallra: Gallra(store: store), configuration: configuration)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            let partial = "GET /health HTTP/1.1\r\nHost: x\r\n"
            _ = partial.withCString { send(socket, $0, strlen($0), 0) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let started = ContinuousClock.now
            var buffer = [UInt8](repeating: 0, count: 512)
            let read = recv(socket, &buffer, buffer.count, 0)
            #expect(read == 0, "the server closed the connection (recv gave \(read), errno \(errno))")
            #expect(ContinuousClock.now - started < .seconds(8))
        }
        await store.close()
    }
}
