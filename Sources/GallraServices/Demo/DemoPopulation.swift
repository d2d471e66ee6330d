import Foundation
import GallraCore
import GallraStore

/// A few hundred fictional people for `gallra serve --demo`: customers, prospects, applicants
/// and newsletter readers of the example register, with the events their retention counts from,
/// consents, requests on time and overdue, and an incident whose 72-hour clock is running. The
/// same seed gives the same people.
struct DemoPopulation {
    let store: Store
    let people: Int
    var random: SeededRandom

    init(store: Store, people: Int, seed: UInt64 = 2026) {
        self.store = store
        self.people = people
        self.random = SeededRandom(seed: seed)
    }

    static let givenNames = [
        "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena", "Nils", "Elin",
        "Oskar", "Ida", "Karl", "Emma", "Gustav", "Maja", "Axel", "Linnea", "Olof", "Astrid", "Hugo",
    ]
    static let familyNames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg", "Holm", "Sandberg", "Ek",
    ]

    /// What a person may have with the company: an activity, a data category, what the value
    /// looks like, and the system it lives in.
    static let holdings: [(activity: String, category: String, value: String, system: String?)] = [
        ("customer-purchases", "billing", "Order %ld, %ld kr", "economy"),
        ("support", "case_content", "Ärende %ld: fakturan går inte att skriva ut", "support"),
        ("newsletter", "email", "%@", "crm"),
        ("product-demo", "contact_details", "Demo bokad, ärende %ld", "crm"),
        ("website-visits", "ip_address", "192.0.2.%ld", nil),
        ("customer-invoicing", "billing", "Faktura %ld, %ld kr", "economy"),
        ("prospects", "contact_details", "Mässkontakt %ld", "crm"),
    ]

    mutating func load() async throws {
        let calendar = try await store.versions.calendar()
        let now = Date()
        let day: TimeInterval = 86_400
        var subjects: [NewSubject] = []
        var names: [String] = []
        for index in 0..<people {
            let given = random.pick(Self.givenNames)
            let family = random.pick(Self.familyNames)
            names.append("\(given) \(family)")
            subjects.append(
                NewSubject(
                    email: "\(given.lowercased()).\(family.lowercased()).\(index)@example.se".folding(
                        options: .diacriticInsensitive, locale: nil),
                    name: "\(given) \(family)",
                    phone: String(format: "070-%03ld %02ld %02ld", index, index % 97, index % 89)))
        }
        let ids = try await store.subjects.add(subjects)
        var records: [NewRecord] = []
        for (index, id) in ids.enumerated() {
            let count = 1 + random.below(3)
            var chosen: Set<Int> = []
            while chosen.count < count { chosen.insert(random.below(Self.holdings.count)) }
            for pick in chosen.sorted() {
                let holding = Self.holdings[pick]
                let collected = now.addingTimeInterval(-day * Double(random.below(3 * 365)))
                let value =
                    holding.value.contains("%@")
                    ? subjects[index].email ?? ""
                    : String(format: holding.value, 1000 + random.below(9000), 100 + random.below(5000))
                records.append(
                    NewRecord(
                        subject: id, activity: holding.activity, category: holding.category, value: value,
                        collected: collected, system: holding.system))
            }
        }
        _ = try await store.records.add(records)
        // Contracts ended for some customers: their data expires at the rule's end.
        for id in ids where random.below(5) < 2 {
            let ended = now.addingTimeInterval(-day * Double(30 + random.below(900)))
            try await store.records.addEvents(subject: id, scope: .subject, events: [(.contractEnd, ended)])
        }
        for id in ids where random.below(4) == 0 {
            let yearEnd = calendar.parseInstant("\(calendar.localDate(of: now).year - 1 - random.below(8))-12-31")!
            try await store.records.addEvents(
                subject: id, scope: .activity("customer-invoicing"), events: [(.fiscalYearEnd, yearEnd)])
        }
        try await loadRequests(ids, now: now, calendar: calendar)
        try await loadIncident(ids, now: now)
    }

    /// Requests received over the last six weeks: some answered in time, some overdue.
    private mutating func loadRequests(_ ids: [String], now: Date, calendar: ZonedCalendar) async throws {
        let today = calendar.localDate(of: now)
        let requests: [(RequestKind, daysAgo: Int, verified: Bool)] = [
            (.access, 2, false), (.erasure, 6, true), (.access, 12, true), (.objection, 19, false),
            (.rectification, 25, true), (.portability, 29, false), (.erasure, 34, true), (.access, 41, false),
        ]
        for (kind, daysAgo, verified) in requests {
            _ = try await store.requests.open(
                kind, subject: random.pick(ids), received: today.adding(days: -daysAgo), channel: "email",
                verifiedHow: verified ? "Svar från e-postadressen i kundregistret" : nil)
        }
    }

    /// A laptop lost yesterday: the 72-hour clock runs.
    private mutating func loadIncident(_ ids: [String], now: Date) async throws {
        let affected = (0..<12).map { _ in random.pick(ids) }
        let change = IncidentChange(
            dataCategories: ["contact_details", "billing"], approximateSubjects: 40, approximateRecords: 120,
            consequences: "Kunduppgifter kan ha blivit tillgängliga för obehöriga.")
        let id = try await store.incidents.open(
            aware: now.addingTimeInterval(-20 * 3_600),
            description: "En bärbar dator med ett utdrag ur kundregistret glömdes på tåget.", change)
        try await store.incidents.linkAffected(id, subjects: Array(Set(affected)).sorted())
    }
}

/// A small deterministic generator (SplitMix64): the demo's people are the same every time.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
