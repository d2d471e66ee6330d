import Foundation
import GallraCore
import GallraDatabase
import GallraServices
import GallraStore
import SQLKit

// Benchmarks of the store (release build): `swift run -c release gallra-bench [--database URL]
// [--records N] [--lookups N] [--callers N]`. Prints numbers; asserts nothing. With `--callers`,
// the look-ups run from that many concurrent callers, alone and while a sweep runs (give the store
// expired records with `--expired-percent`).

struct Options {
    var database: String?
    var records = 1_000_000
    var perSubject = 20
    var batch = 1_000
    var lookups = 2_000
    /// Concurrent ingest streams, each with a connection of its own.
    var writers = 1
    /// With this set, that percentage of records has long expired and the rest waits for an
    /// event: a store for the sweep benchmark.
    var expiredPercent: Int?
    /// Concurrent callers of lookup + export; 1 measures them one after another.
    var callers = 1

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--database": database = iterator.next()
            case "--records": records = Int(iterator.next() ?? "") ?? records
            case "--lookups": lookups = Int(iterator.next() ?? "") ?? lookups
            case "--batch": batch = Int(iterator.next() ?? "") ?? batch
            case "--writers": writers = max(1, Int(iterator.next() ?? "") ?? writers)
            case "--expired-percent": expiredPercent = Int(iterator.next() ?? "")
            case "--callers": callers = max(1, Int(iterator.next() ?? "") ?? callers)
            default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
            }
        }
    }
}

func seconds(_ start: ContinuousClock.Instant) -> Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func runBenchmark() async throws {
    let options = Options(Array(CommandLine.arguments.dropFirst()))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let location = try DatabaseLocation(parsing: options.database ?? "sqlite:\(directory.path)/bench.sqlite")
    let store = try await Store.open(
        database: location, keyFile: directory.appendingPathComponent("bench.key").path)
    // The benchmark acts as one party, as a use case would.
    try await store.work(by: .system("bench")) {
        let registerPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/exempel-programvara.yaml")
        try await store.versions.apply(yaml: try String(contentsOf: registerPath, encoding: .utf8), file: "register")
        print("store: \(location)  records: \(options.records)  records per subject: \(options.perSubject)")

        // Subjects, in import batches.
        let subjectCount = options.records / options.perSubject
        var subjects: [String] = []
        var start = ContinuousClock.now
        for first in stride(from: 0, to: subjectCount, by: options.batch) {
            let batch = (first..<min(first + options.batch, subjectCount)).map {
                NewSubject(email: "person\($0)@example.se", name: "Person Nummer \($0)")
            }
            subjects += try await store.subjects.add(batch)
        }
        let subjectSeconds = seconds(start)
        print(
            String(
                format: "subjects: %d in %.1f s = %.0f subjects/s", subjectCount, subjectSeconds,
                Double(subjectCount) / subjectSeconds))

        // Records, in batches: each sealed under its subject's key, its expiry computed, each audited.
        let kinds: [(String, String)] = [
            ("support", "case_content"), ("customer-purchases", "billing"), ("customer-purchases", "address"),
            ("mail-social-media", "contact_details"), ("customer-files", "customer_files"),
        ]
        let collected = ZonedCalendar.stockholm.parseInstant("2025-01-15")!
        let allSubjects = subjects
        start = ContinuousClock.now
        let keyFile = directory.appendingPathComponent("bench.key").path
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<options.writers {
                group.addTask {
                    let stream =
                        writer == 0 ? store : try await Store.open(database: location, keyFile: keyFile)
                    var written = 0
                    var pending: [NewRecord] = []
                    for index in stride(from: writer, to: allSubjects.count, by: options.writers) {
                        for n in 0..<options.perSubject {
                            var (activity, category) = kinds[n % kinds.count]
                            if let percent = options.expiredPercent {
                                // product-demo keeps 60 days: long expired. support waits for contract.end.
                                let expired = (index * options.perSubject + n) % 100 < percent
                                (activity, category) =
                                    expired ? ("product-demo", "contact_details") : ("support", "case_content")
                            }
                            pending.append(
                                NewRecord(
                                    subject: allSubjects[index], activity: activity, category: category,
                                    value: "Värde \(n) för person \(index): Storgatan \(n), 111 22 Stockholm",
                                    collected: collected))
                        }
                        if pending.count >= options.batch {
                            written += try await stream.records.add(pending).count
                            pending.removeAll(keepingCapacity: true)
                        }
                    }
                    if !pending.isEmpty { written += try await stream.records.add(pending).count }
                    if writer != 0 { await stream.close() }
                    return written
                }
            }
            var total = 0
            for try await written in group { total += written }
            return total
        }
        let ingestSeconds = seconds(start)
        print(
            String(
                format: "ingest: %d records in %.1f s = %.0f records/s (batches of %d, audit included)", done,
                ingestSeconds,
                Double(done) / ingestSeconds, options.batch))

        // Lookup by e-mail and export (~20 records), the read audited.
        if options.lookups == 0 {
            await store.close()
            print("kept for the sweep benchmark: \(directory.path)")
            exit(0)
        }
        if options.callers == 1 {
            // The use case as the API and the admin UI call it (the permission and reach checks
            // included), the store's read alone, and the floor: one statement on a reader and one
            // audited read's entry, the least any audited read costs.
            let gallra = Gallra(store: store)
            let officer = Party.user("bench-officer")
            let support = Party.user("bench-support", access: Access(role: .support, activities: ["support"]))
            var useCase: [Double] = []
            var scoped: [Double] = []
            var storeOnly: [Double] = []
            var floorRead: [Double] = []
            var floorAudited: [Double] = []
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<options.lookups {
                let email = "person\(Int.random(in: 0..<subjectCount, using: &generator))@example.se"
                var lookupStart = ContinuousClock.now
                let export = try await gallra.exportSubject(email, by: officer)
                useCase.append(seconds(lookupStart) * 1000)
                precondition(export.records.count == options.perSubject)
                lookupStart = ContinuousClock.now
                _ = try await gallra.exportSubject(email, by: support)
                scoped.append(seconds(lookupStart) * 1000)
                lookupStart = ContinuousClock.now
                _ = try await store.subjects.export(email)
                storeOnly.append(seconds(lookupStart) * 1000)
                let floor = try await store.floor()
                floorRead.append(milliseconds(floor.read))
                floorAudited.append(milliseconds(floor.auditedRead))
            }
            // A sweep with nothing expired, as the server's daily sweep finds most days: on the
            // day the records were collected, when no rule has run out yet.
            var emptySweeps: [Double] = []
            for _ in 0..<50 {
                let sweepStart = ContinuousClock.now
                let report = try await store.sweep.run(now: collected)
                emptySweeps.append(seconds(sweepStart) * 1000)
                precondition(report.items.isEmpty)
            }
            for (label, timings) in [
                ("lookup + export of \(options.perSubject) records, as an officer (the use case)", useCase),
                ("  as support, limited to one activity", scoped),
                ("  the store's read alone", storeOnly),
                ("  floor: one statement on a reader", floorRead),
                ("  floor: one audited read's entry written", floorAudited),
                ("sweep with nothing expired", emptySweeps),
            ] {
                let sorted = timings.sorted()
                print(
                    String(
                        format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d)", label, percentile(sorted, 0.5),
                        percentile(sorted, 0.99), sorted.last ?? 0, sorted.count))
            }
        } else {
            try await ConcurrentLookups(store: store, subjects: subjectCount, callers: options.callers)
                .run(lookups: options.lookups)
        }

        await store.close()
        if case .sqlite(let path) = location {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            var total = 0
            for file in files where file.hasPrefix("bench.sqlite") {
                let size =
                    (try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(file).path)[
                        .size]
                    as? NSNumber)?.intValue ?? 0
                print("  \(file): \(size / 1_048_576) MiB")
                total += size
            }
            print(
                String(
                    format:
                        "size on disk: %.1f MiB for %d records = %.0f bytes per record (subjects, keys, index and audit included)",
                    Double(total) / 1_048_576, done, Double(total) / Double(done)))
            _ = path
        } else {
            let connection = try await StoreConnection.open(location)
            let size =
                try await connection.sql.raw("SELECT pg_database_size(current_database()) AS size").first()?
                .decode(column: "size", as: Int64.self) ?? 0
            await connection.close()
            print(
                String(
                    format:
                        "size on disk: %.1f MiB for %d records = %.0f bytes per record (subjects, keys, index and audit included)",
                    Double(size) / 1_048_576, done, Double(size) / Double(done)))
        }
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if let index = arguments.firstIndex(of: "--shop"), index + 1 < arguments.count {
    let samples = arguments.firstIndex(of: "--samples").flatMap { Int(arguments[$0 + 1]) } ?? 1_000
    // Gallra's own SQLite page cache for writing: 64 MiB as the CLI opens it, 16 as `gallra serve` does.
    let cacheMiB = arguments.firstIndex(of: "--writer-cache-mib").flatMap { Int(arguments[$0 + 1]) } ?? 64
    try await ConnectorBench(shopURL: arguments[index + 1], samples: samples, cacheMiB: cacheMiB).run()
} else {
    try await runBenchmark()
}
