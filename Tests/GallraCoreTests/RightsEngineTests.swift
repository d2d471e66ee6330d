import Foundation
import Testing

@testable import GallraCore

/// The rights engine on the Swedish example register: each request kind, each legal basis, each
/// exception, with the article that decides it.
@Suite("The rights engine")
struct RightsEngineTests {
    static let register = try! RegisterReader.read(
        yaml: try! contents("examples/exempel-programvara.yaml"), file: "exempel-programvara.yaml")
    static let calendar = ZonedCalendar.stockholm

    static func holding(_ activity: String, expires: String? = nil, waiting: Set<EventName> = []) -> ActivityHolding {
        ActivityHolding(
            activity: activity, records: 1, expires: expires.map { calendar.parseInstant($0)! }, waitingFor: waiting)
    }

    static func decide(
        _ kind: RequestKind, _ holdings: [ActivityHolding], holds: [HoldScope] = [], consents: Set<String> = [],
        grounds: Set<String> = [], scope: Set<String>? = nil, register: Register = register
    ) -> [String: RightsDecision] {
        let context = RightsContext(
            register: register, calendar: calendar, holdings: holdings, holds: holds, consentsInForce: consents,
            compellingGrounds: grounds, scope: scope)
        return Dictionary(uniqueKeysWithValues: RightsEngine(context).decide(kind).map { ($0.activity, $0) })
    }

    @Test(
        "Erasure: the article for each basis and exception",
        arguments: [
            // activity, expiry, waiting for, expected action, article, until
            ("customer-invoicing", "2032-01-01", [], DecisionAction.keep, "Art. 17(3)(b)", "2032-01-01"),
            ("customer-invoicing", nil, [EventName.fiscalYearEnd], .keep, "Art. 17(3)(b)", nil),
            ("incidents", "2035-05-01", [], .keep, "Art. 17(3)(b)", "2035-05-01"),
            ("support", "2029-06-30", [], .erase, "Art. 17(1)(a)", nil),
            ("support", nil, [.contractEnd], .keep, "Art. 17(1)(a)", nil),
            ("prospects", "2028-01-01", [], .erase, "Art. 17(1)(c)", nil),
            ("direct-mail", "2026-12-01", [], .erase, "Art. 17(1)(c)", nil),
            ("website-visits", "2027-01-01", [], .anonymise, "Art. 17(1)(c)", nil),
            ("photo-consent", nil, [.campaignEnd, .consentWithdrawn], .erase, "Art. 17(1)(b)", nil),
            ("download-log", "2027-01-01", [], .erase, "Art. 17(1)(a)", nil),
        ] as [(String, String?, Set<EventName>, DecisionAction, String, String?)])
    func erasure(
        activity: String, expires: String?, waiting: Set<EventName>, action: DecisionAction, article: String,
        until: String?
    ) throws {
        let decision = try #require(
            Self.decide(.erasure, [Self.holding(activity, expires: expires, waiting: waiting)])[activity])
        #expect(decision.action == action)
        #expect(decision.article == article)
        #expect(decision.until?.description == until)
        #expect(
            !decision.reason[.sv].isEmpty && !decision.reason[.en].isEmpty
                && decision.reason[.sv] != decision.reason[.en])
    }

    @Test("Erasure: the reasons say until when, under which law, and whom to tell")
    func erasureReasons() throws {
        let kept = try #require(
            Self.decide(.erasure, [Self.holding("customer-invoicing", waiting: [.fiscalYearEnd])])["customer-invoicing"]
        )
        #expect(
            kept.reason[.en]
                == "Kept under Bokföringslagen (1999:1078) 7 kap. 2 §: seven years after the end of the calendar year in which the financial year ended."
        )
        #expect(
            kept.reason[.sv].hasPrefix("Sparas enligt Bokföringslagen (1999:1078) 7 kap. 2 §: sju år efter utgången"))
        let support = try #require(Self.decide(.erasure, [Self.holding("support", expires: "2029-06-30")])["support"])
        #expect(support.reason[.en].hasSuffix("Recipients to tell (Art. 19): Molnleverantör AB."))
    }

    @Test("A legal hold on one activity or on all keeps the data under Art. 17(3)(e), until the hold ends")
    func legalHold() throws {
        let until = Self.calendar.parseInstant("2027-03-31")!
        let decisions = Self.decide(
            .erasure,
            [Self.holding("support", expires: "2029-06-30"), Self.holding("prospects", expires: "2028-01-01")],
            holds: [HoldScope(activity: "support", until: until)])
        #expect(decisions["support"]?.article == "Art. 17(3)(e)")
        #expect(decisions["support"]?.until?.description == "2027-03-31")
        #expect(decisions["prospects"]?.action == .erase)
        let all = Self.decide(
            .erasure,
            [Self.holding("support", expires: "2029-06-30"), Self.holding("prospects", expires: "2028-01-01")],
            holds: [HoldScope(activity: nil, until: nil)])
        #expect(all.values.allSatisfy { $0.action == .keep && $0.article == "Art. 17(3)(e)" && $0.until == nil })
    }

    @Test(
        "Objection: direct marketing unconditionally, legitimate interests unless grounds, not other bases",
        arguments: [
            ("direct-mail", Set<String>(), DecisionAction.erase, "Art. 21(3)"),
            ("direct-mail", ["direct-mail"], .erase, "Art. 21(3)"),
            ("prospects", [], .stop, "Art. 21(1)"),
            ("prospects", ["prospects"], .keep, "Art. 21(1)"),
            ("recruitment", [], .stop, "Art. 21(1)"),
            ("support", [], .keep, "Art. 21(1)"),
            ("customer-invoicing", [], .keep, "Art. 21(1)"),
            ("photo-consent", [], .keep, "Art. 21(1)"),
            // Legitimate interests and contract together: the contract is not reached by an objection.
            ("phone-contact", [], .keep, "Art. 21(1)"),
        ] as [(String, Set<String>, DecisionAction, String)])
    func objection(activity: String, grounds: Set<String>, action: DecisionAction, article: String) throws {
        let decision = try #require(
            Self.decide(.objection, [Self.holding(activity, expires: "2028-01-01")], grounds: grounds)[activity])
        #expect(decision.action == action)
        #expect(decision.article == article)
    }

    @Test("Restriction and access reach every activity; rectification only the corrected ones")
    func restrictionAccessRectification() throws {
        let holdings = ["support", "customer-invoicing", "prospects"].map { Self.holding($0, expires: "2030-01-01") }
        #expect(
            Self.decide(.restriction, holdings).values.allSatisfy {
                $0.action == .restrict && $0.article == "Art. 18(1)"
            })
        #expect(
            Self.decide(.access, holdings).values.allSatisfy { $0.action == .provide && $0.article == "Art. 15(1)" })
        let context = RightsContext(
            register: Self.register, calendar: Self.calendar, holdings: holdings, corrections: ["support": 2])
        let rectified = Dictionary(
            uniqueKeysWithValues: RightsEngine(context).decide(.rectification).map { ($0.activity, $0) })
        #expect(rectified["support"]?.reason[.en].hasPrefix("2 values corrected; the old value is not kept.") == true)
        #expect(rectified["prospects"]?.reason[.en] == "No correction asked for here.")
    }

    @Test(
        "Portability: consent or contract, and provided by the person",
        arguments: [
            ("newsletter", DataSource.dataSubject, DecisionAction.provide),
            ("photo-consent", .dataSubject, .provide),
            ("newsletter", .thirdParty, .keep),
            ("prospects", .dataSubject, .keep),
            ("customer-invoicing", .dataSubject, .keep),
        ] as [(String, DataSource, DecisionAction)])
    func portability(activity: String, source: DataSource, action: DecisionAction) throws {
        var register = Self.register
        let index = try #require(register.activities.firstIndex { $0.id == activity })
        register.activities[index].source = source
        let decision = try #require(
            Self.decide(.portability, [Self.holding(activity)], register: register)[activity])
        #expect(decision.action == action)
        #expect(decision.article == "Art. 20(1)")
    }

    @Test("Withdrawal of consent stops consent-based processing, including where no data is held yet")
    func withdrawal() {
        let decisions = Self.decide(
            .withdrawConsent, [Self.holding("newsletter", expires: "2027-01-01")], consents: ["photo-consent"])
        #expect(decisions["photo-consent"]?.action == .stop && decisions["photo-consent"]?.article == "Art. 7(3)")
        #expect(decisions["photo-consent"]?.reason[.en].contains("consent.withdrawn") == true)
        #expect(decisions["newsletter"]?.action == .keep)
        let none = Self.decide(.withdrawConsent, [Self.holding("photo-consent")])
        #expect(none["photo-consent"]?.action == .keep)
        #expect(none["photo-consent"]?.reason[.en] == "No consent in force to withdraw.")
    }

    @Test("A request that names activities is decided for those only, in the register's order")
    func scope() {
        let holdings = ["prospects", "support", "direct-mail"].map { Self.holding($0, expires: "2030-01-01") }
        let context = RightsContext(
            register: Self.register, calendar: Self.calendar, holdings: holdings, scope: ["direct-mail", "support"])
        #expect(RightsEngine(context).decide(.erasure).map(\.activity) == ["support", "direct-mail"])
    }
}
