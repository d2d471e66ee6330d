import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

@Suite("The evidence of removals", .acting())
struct RemovalEvidenceTests {
    static func removal(_ record: Int, subject: Int, activity: String = "product-demo", grounds: String = "rule A")
        -> Removal
    {
        Removal(
            record: "r\(record)", subject: "s\(subject)", activity: activity, action: .erase, grounds: grounds)
    }

    @Test("A sweep's evidence: an entry per activity and grounds, at most 1,000 records each, every record named once")
    func byGrounds() {
        var removals = (0..<2_500).map { Self.removal($0, subject: $0 % 7) }
        removals.insert(Self.removal(9_000, subject: 3, grounds: "rule B"), at: 10)
        removals.append(Self.removal(9_001, subject: 3, activity: "support"))
        let events = Removal.evidence(of: removals, as: .byGrounds)
        #expect(events.map(\.detail.count).allSatisfy { $0 < 100_000 })
        #expect(events.map(\.activity) == ["product-demo", "product-demo", "product-demo", "product-demo", "support"])
        #expect(events[0].detail.hasPrefix("rule A: 1000 records: r0 (subject s0), r1 (subject s1), r2 (subject s2)"))
        #expect(events[1].detail.hasPrefix("rule A: 1000 records: r1000 (subject s6), "))
        #expect(events[2].detail.hasPrefix("rule A: 500 records: r2000 (subject s5), "))
        #expect(events[2].detail.hasSuffix(", r2499 (subject s0)"))
        // One subject: the entry is filed under it; several: under none.
        #expect(events[3].detail == "rule B: 1 record: r9000 (subject s3)")
        #expect(events[3].subject == "s3")
        #expect(events[0].subject == nil)
        let named = events.flatMap { $0.detail.matches(of: /(r\d+) \(subject/).map { String($0.1) } }
        #expect(named.sorted() == removals.map(\.record).sorted())
    }

    @Test("A request's evidence: an entry per record, under its subject")
    func eachRecord() {
        let events = Removal.evidence(
            of: [
                Self.removal(1, subject: 1, grounds: "request q1"), Self.removal(2, subject: 1, grounds: "request q1"),
            ],
            as: .eachRecord)
        #expect(events.map(\.detail) == ["record r1, request q1", "record r2, request q1"])
        #expect(events.map(\.subject) == ["s1", "s1"])
        #expect(events.map(\.action) == ["record.erase", "record.erase"])
    }
}
