import Foundation
import Testing

/// Debian's nginx in front of Gallra's servers, run from a directory of its own with its own
/// configuration (no system service), TLS-less on loopback. It connects to the servers from
/// 127.0.0.2, the one address they trust (`--trusted-proxy 127.0.0.2`), and names the client in
/// `X-Forwarded-For`. The configuration is the one the README shows.
final class ReverseProxy: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process: Process
    static let executable = "/usr/sbin/nginx"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// The configuration: two (or more) servers, taken in turn.
    static func configuration(directory: URL, port: Int, servers: [Int]) -> String {
        """
        worker_processes 1;
        daemon off;
        pid \(directory.path)/nginx.pid;
        error_log \(directory.path)/error.log;
        events { worker_connections 256; }
        http {
            log_format fleet '$remote_addr $upstream_addr $status';
            access_log \(directory.path)/access.log fleet;
            client_body_temp_path \(directory.path)/body;
            proxy_temp_path \(directory.path)/proxy;
            fastcgi_temp_path \(directory.path)/fastcgi;
            uwsgi_temp_path \(directory.path)/uwsgi;
            scgi_temp_path \(directory.path)/scgi;
            # A signed-in browser stays on one server while it lives (a sweep or a copy started
            # from the admin UI runs there); anything else goes to any server.
            map $cookie_gallra_session $gallra_affinity {
                "" $request_id;
                default $cookie_gallra_session;
            }
            upstream gallra {
                hash $gallra_affinity consistent;
        \(servers.map { "        server 127.0.0.1:\($0);" }.joined(separator: "\n"))
            }
            server {
                listen 127.0.0.1:\(port);
                location / {
                    proxy_pass http://gallra;
                    proxy_bind 127.0.0.2;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
            }
        }
        """
    }

    init(servers: [Int]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try GallraProcess.freeLoopbackPort()
        let file = directory.appendingPathComponent("nginx.conf")
        try Data(Self.configuration(directory: directory, port: port, servers: servers).utf8).write(to: file)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "-p", directory.path, "-c", file.path, "-e", directory.appendingPathComponent("error.log").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessEnvironment.launch(process)
        for _ in 0..<100 {
            if try GallraProcess.runTool("/usr/bin/curl", ["-sf", "\(url)/ready"]).status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw FleetError(description: "nginx did not answer within ten seconds")
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The servers nginx passed requests to, as its access log names them.
    var upstreams: Set<String> {
        // try?: a log that cannot be read names no server, and the test's expectation on it fails
        let log = (try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return Set(
            log.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        // try?: a temporary directory left behind changes no test's outcome
        try? FileManager.default.removeItem(at: directory)
    }
}
