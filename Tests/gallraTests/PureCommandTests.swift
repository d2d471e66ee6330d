import Foundation
import Testing

/// The commands of `shared/spec/cli.md` that need no database, run as a user would run them.
@Suite("CLI: pure computations")
struct PureCommandTests {
    @Test(
        "retention parse prints the canonical rule",
        arguments: [
            (["retention", "parse", "Avtalstiden + 1 år"], "contract.end + 1y\n"),
            (["retention", "parse", "--lang", "sv", "13 mån efter avtalets slut"], "contract.end + 13mo\n"),
            (
                ["retention", "parse", "--lang", "en", "5 years after the customer relationship has ended"],
                "relationship.end + 5y\n"
            ),
            (["retention", "parse", "Ingen"], "none\n"),
            (
                ["retention", "parse", "min(case.closed+7d,collected+12mo)"],
                "min(case.closed + 7d, collected + 12mo)\n"
            ),
            (["retention", "parse", "Under", "avtalstiden", "+", "30", "dagar"], "contract.end + 30d\n"),
        ])
    func retentionParse(arguments: [String], expected: String) throws {
        let result = try GallraProcess.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test("retention parse refuses wording it cannot read, with exit status 2 and the reason")
    func retentionParseRefuses() throws {
        let result = try GallraProcess.run(["retention", "parse", "Varierande, > 5 år"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("varierande"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("retention parse --explain shows how each word was placed, and names the word it refuses")
    func retentionParseExplains() throws {
        let read = try GallraProcess.run(["retention", "parse", "--explain", "Avtalstiden + 1 år"])
        #expect(read.status == 0)
        let lines = read.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("avtalstiden") && $0.hasSuffix("the event contract.end") })
        #expect(lines.contains { $0.hasPrefix("1 år") && $0.hasSuffix("a period of 1y") })
        #expect(lines.last == "contract.end + 1y")

        let refused = try GallraProcess.run(["retention", "parse", "--explain", "sparas minst 2 år"])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("minst"))
        #expect(refused.stdout.contains("a minimum: refused"))
        #expect(refused.stdout.contains("sparas") && refused.stdout.contains("carries no meaning for the day"))
        #expect(refused.stderr.contains("\"minst\" makes the period a minimum"))
    }

    @Test(
        "retention expiry prints the local date, or what it waits for",
        arguments: [
            (
                ["retention", "expiry", "end-of-year(fiscal-year.end) + 7y", "--event", "fiscal-year.end=2024-12-31"],
                "2032-01-01\n"
            ),
            (
                ["retention", "expiry", "min(case.closed + 7d, collected + 12mo)", "--event", "collected=2025-01-31"],
                "2026-01-31\n"
            ),
            (
                [
                    "retention", "expiry", "min(case.closed + 7d, collected + 12mo)", "--event", "collected=2025-01-31",
                    "--event", "case.closed=2025-03-01",
                ],
                "2025-03-08\n"
            ),
            (["retention", "expiry", "contract.end + 1y"], "pending: contract.end\n"),
            (
                ["retention", "expiry", "max(position.end, contract.end)", "--event", "contract.end=2025-01-01"],
                "pending: position.end\n"
            ),
            (["retention", "expiry", "collected + 1d", "--event", "collected=2025-03-29T23:30:00Z"], "2025-03-31\n"),
            (
                [
                    "retention", "expiry", "collected + 1d", "--event", "collected=2025-03-29T23:30:00Z", "--time-zone",
                    "UTC",
                ], "2025-03-30\n"
            ),
        ])
    func retentionExpiry(arguments: [String], expected: String) throws {
        let result = try GallraProcess.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
    }

    @Test("retention expiry --json has the contract's shape")
    func retentionExpiryJSON() throws {
        let known = try GallraProcess.run([
            "retention", "expiry", "end-of-year(fiscal-year.end) + 7y", "--event", "fiscal-year.end=2024-12-31",
            "--json",
        ])
        #expect(
            known.stdout
                == #"{"rule": "end-of-year(fiscal-year.end) + 7y", "expires": "2032-01-01T00:00:00+01:00", "expires_date": "2032-01-01", "waiting_for": []}"#
                + "\n")
        let pending = try GallraProcess.run(["retention", "expiry", "min(campaign.end, consent.withdrawn)", "--json"])
        #expect(
            pending.stdout
                == #"{"rule": "min(campaign.end, consent.withdrawn)", "expires": null, "expires_date": null, "waiting_for": ["campaign.end", "consent.withdrawn"]}"#
                + "\n")
        let object = try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [String: Any]
        #expect(object?["waiting_for"] as? [String] == ["campaign.end", "consent.withdrawn"])
    }

    @Test(
        "retention expiry names what is wrong with its input",
        arguments: [
            (["retention", "expiry", "contract.end +"], "does not parse"),
            (["retention", "expiry", "contract.end + 1y", "--event", "contract.end=2025-02-30"], "2025-02-30"),
            (
                ["retention", "expiry", "contract.end + 1y", "--event", "Contract=2025-02-03"],
                "\"Contract\" is not an event name"
            ),
            (["retention", "expiry", "contract.end + 1y", "--event", "contract.end"], "NAME=DATE"),
            (["retention", "expiry", "collected + 1y", "--time-zone", "Mars/Olympus"], "Unknown time zone"),
        ])
    func retentionExpiryErrors(arguments: [String], message: String) throws {
        let result = try GallraProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(
        "deadline request and deadline breach",
        arguments: [
            (["deadline", "request", "2025-03-18"], "2025-04-22\n"),
            (["deadline", "request", "2025-01-31"], "2025-02-28\n"),
            (["deadline", "request", "2025-01-31", "--extended"], "2025-04-30\n"),
            (["deadline", "request", "2025-11-25"], "2025-12-29\n"),
            (["deadline", "breach", "2025-03-28T10:00:00+01:00"], "2025-03-31T11:00:00+02:00\n"),
            (["deadline", "breach", "2025-10-24T09:00:00+02:00"], "2025-10-27T08:00:00+01:00\n"),
            (["deadline", "breach", "2025-06-13T14:00:00Z"], "2025-06-16T16:00:00+02:00\n"),
        ])
    func deadlines(arguments: [String], expected: String) throws {
        let result = try GallraProcess.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
    }

    @Test("deadline commands refuse malformed dates")
    func deadlineErrors() throws {
        let request = try GallraProcess.run(["deadline", "request", "31/01/2025"])
        #expect(request.status != 0)
        #expect(request.stderr.contains("31/01/2025"))
        let breach = try GallraProcess.run(["deadline", "breach", "tomorrow"])
        #expect(breach.status != 0)
        #expect(breach.stderr.contains("tomorrow"))
    }
}
