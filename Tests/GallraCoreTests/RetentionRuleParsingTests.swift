import Testing

@testable import GallraCore

@Suite("The retention language: parsing and the canonical form")
struct RetentionRuleParsingTests {
    @Test(
        "Parsing prints the canonical form",
        arguments: [
            ("contract.end + 1y", "contract.end + 1y"),
            ("contract.end+1y", "contract.end + 1y"),
            ("  collected   +   60d ", "collected + 60d"),
            ("collected + 12mo", "collected + 12mo"),
            ("collected + 1y + 6mo", "collected + 1y + 6mo"),
            ("collected + 24h", "collected + 24h"),
            ("collected + 2w", "collected + 2w"),
            ("min(case.closed+7d,collected+12mo)", "min(case.closed + 7d, collected + 12mo)"),
            ("max( a , b.c , d-e.f )", "max(a, b.c, d-e.f)"),
            ("end-of-year(fiscal-year.end)+7y", "end-of-year(fiscal-year.end) + 7y"),
            ("end-of-year( min(a, b) + 1d ) + 7y", "end-of-year(min(a, b) + 1d) + 7y"),
            ("min(campaign.end, consent.withdrawn)", "min(campaign.end, consent.withdrawn)"),
            ("none", "none"),
            ("  none  ", "none"),
            ("max(min(a, b + 1d), c) + 3mo", "max(min(a, b + 1d), c) + 3mo"),
            ("collected + 0d", "collected + 0d"),
            ("x + 1 y", "x + 1y"),
        ])
    func canonical(input: String, expected: String) throws {
        let rule = try RetentionRule(parsing: input)
        #expect(rule.description == expected)
        // parse → print → parse is the identity.
        #expect(try RetentionRule(parsing: rule.description) == rule)
    }

    @Test(
        "A malformed rule is refused at the column of its first problem",
        arguments: [
            ("", 1, "empty"),
            ("contract.end +", 15, "expected a duration"),
            ("contract.end + 1", 17, "no unit"),
            ("contract.end + 1yr", 17, "unknown unit \"yr\""),
            ("contract.end + 1m", 17, "unknown unit \"m\""),
            ("60d", 1, "needs an event before it"),
            ("min(a, b", 9, "not closed"),
            ("min()", 5, "at least one argument"),
            ("avg(a, b)", 1, "unknown function \"avg\""),
            ("end-of-year(a, b)", 1, "exactly one argument"),
            ("Contract.end", 1, "expected an event"),
            ("contract..end", 1, "not a well-formed event name"),
            ("contract.end 1y", 14, "after the rule"),
            ("none + 1d", 1, "stands alone"),
            ("min + 1d", 1, "needs its arguments in parentheses"),
            ("contract.end + 99999y", 16, "too long"),
            ("min(a; b)", 6, "expected \",\" or \")\""),
        ] as [(String, Int, String)])
    func refused(input: String, column: Int, message: String) {
        #expect {
            try RetentionRule(parsing: input)
        } throws: { error in
            guard let error = error as? RetentionSyntaxError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test("A rule lists the events it reads, once each, in order")
    func events() throws {
        let rule = try RetentionRule(parsing: "max(min(case.closed + 7d, collected + 12mo), case.closed + 1d)")
        #expect(rule.events == [.caseClosed, .collected])
        #expect(RetentionRule.none.events == [.collected])
    }
}
