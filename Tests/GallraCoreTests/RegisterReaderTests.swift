import Foundation
import Testing

@testable import GallraCore

/// The package's root, found from this file, for the example registers and fixtures.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func contents(_ relativePath: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
}

@Suite("Reading and checking the register")
struct RegisterReaderTests {
    @Test(
        "The example registers are valid",
        arguments: ["examples/exempel-programvara.yaml", "examples/customer-contacts.yaml"])
    func examplesAreValid(path: String) throws {
        let check = RegisterReader.check(yaml: try contents(path))
        #expect(check.errors.isEmpty, "\(check.errors)")
        let register = try #require(check.register)
        #expect(!register.activities.isEmpty)
        for activity in register.activities {
            #expect(activity.retentionText != nil, "\(activity.id) keeps the seed's wording")
        }
    }

    @Test("The Swedish example holds every row of the seed table, with the seed's wording and rules")
    func swedishExample() throws {
        let register = try RegisterReader.read(yaml: try contents("examples/exempel-programvara.yaml"), file: "x")
        // The seed's 23 rows, and customer invoicing split out of the purchase row (Bokföringslagen).
        #expect(register.activities.count == 24)
        #expect(register.controller.timeZone == "Europe/Stockholm")
        let customerFiles = try #require(register.activity("customer-files"))
        #expect(customerFiles.retention.description == "min(case.closed + 7d, collected + 12mo)")
        #expect(customerFiles.retentionText?.sv == "Under tid supportärendet är öppet + 7 dagar, max 12 mån")
        let payables = try #require(register.activity("accounts-payable"))
        #expect(payables.legalBasis == [.contract, .legalObligation])
        #expect(payables.law == "Bokföringslagen (1999:1078) 7 kap. 2 §")
        #expect(register.activity("remote-control")?.retention == RetentionRule.none)
        #expect(register.activity("direct-mail")?.source == .publicRegisters)
    }

    @Test("Where a seed phrase is readable, the example's rule is what the reader makes of it")
    func examplesAgreeWithTheReader() throws {
        for path in ["examples/exempel-programvara.yaml", "examples/customer-contacts.yaml"] {
            let register = try RegisterReader.read(yaml: try contents(path), file: path)
            let reader = RetentionPhraseReader(declaredEvents: register.events)
            for activity in register.activities {
                let wording = try #require(activity.retentionText)
                guard let read = reader.read(wording[.sv]).rule else { continue }
                // "7 år" under Bokföringslagen is the law's rule, not seven years from collection.
                if activity.law?.hasPrefix("Bokföringslagen") == true { continue }
                #expect(read == activity.retention, "\(path): \(activity.id)")
            }
        }
    }

    @Test("A broken register is refused with every problem, each at its line")
    func brokenRegister() throws {
        let check = RegisterReader.check(yaml: try contents("Tests/GallraCoreTests/Fixtures/broken-register.yaml"))
        #expect(check.register == nil)
        let errors = check.errors.map { "\($0.line): \($0.message)" }
        let expected: [(Int, String)] = [
            (3, "the controller needs an \"email\" or a \"phone\""),
            (4, "unknown time zone \"Europe/Stokholm\""),
            (8, "duplicate system id \"support\" (first declared on line 6)"),
            (15, "the transfer of recipient \"us-cloud\" has no \"safeguard\""),
            (20, "unknown data subject category \"kunder\""),
            (21, "unknown data category \"shoe_size\""),
            (22, "unknown legal basis \"friendship\""),
            (22, "has legal_obligation as its basis but no \"law\""),
            (23, "names unknown event \"contract.ends\" (did you mean \"contract.end\"?)"),
            (24, "unknown system \"suport\" in activity \"support\" (did you mean \"support\"?)"),
            (26, "unknown field \"retenton_text\""),
            (27, "activity \"nyhetsbrev\" is missing \"data_subjects\""),
            (32, "as wording it reads as \"contract.end + 1y\""),
        ]
        #expect(errors.count == expected.count, "\(errors)")
        for (line, message) in expected {
            #expect(
                check.errors.contains { $0.line == line && $0.message.contains(message) }, "line \(line): \(message)")
        }
        #expect(check.warnings.contains { $0.line == 11 && $0.message.contains("no agreement") })
    }

    @Test("Problems are formatted as FILE:LINE: message")
    func formatting() {
        #expect(
            RegisterProblem(line: 14, message: "unknown system \"suport\"").formatted(file: "register.yaml")
                == "register.yaml:14: unknown system \"suport\"")
        #expect(
            RegisterProblem(line: 3, severity: .warning, message: "x").formatted(file: "r.yaml")
                == "r.yaml:3: warning: x")
    }

    @Test(
        "Malformed files are refused at the right line",
        arguments: [
            ("", 1, "empty"),
            ("version: 1\ncontroller:\n  name: [unclosed\n", 4, "not valid YAML"),
            (
                "version: 1\ncontroller: { name: A, email: a@b.se }\nactivities:\n  - id: a\n    id: b\n", 5,
                "duplicate key \"id\""
            ),
            // Found by fuzzing: lines ended by "\r" alone put Yams's line past the end of a split
            // at "\n", and the check trapped.
            (
                "version: 1\r\r\r\r\r\r\r\rcontroller: { name: A, email: a@b.se }\nactivities:\n  - id: a\n    id: b\n",
                12, "duplicate key \"id\""
            ),
            ("- just\n- a list\n", 1, "must be a mapping"),
            ("version: 2\ncontroller: { name: A, email: a@b.se }\n", 1, "unsupported register format version"),
            ("controller: { name: A, email: a@b.se }\n", 1, "missing \"version\""),
            ("version: 1\n", 1, "missing \"controller\""),
        ] as [(String, Int, String)])
    func malformed(yaml: String, line: Int, message: String) {
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.register == nil)
        #expect(check.errors.contains { $0.line == line && $0.message.contains(message) }, "\(check.errors)")
    }

    @Test("Declared events, categories and subjects can be used; built-in ones cannot be redeclared")
    func declarations() {
        let yaml = """
            version: 1
            controller: { name: A, email: a@b.se }
            events:
              - id: warranty.end
                name: { sv: "garantitidens slut", en: "end of the warranty period" }
              - id: contract.end
                name: again
            categories:
              - id: licence
                name: { sv: Licensnummer }
                special: false
            activities:
              - id: warranty
                name: Garanti
                purpose: Garantiärenden
                data_subjects: [customers]
                data: [licence, email]
                legal_basis: contract
                retention: warranty.end + 1y
                security: Behörighetsstyrning
            """
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.errors.map(\.line) == [6])
        #expect(check.errors.first?.message.contains("built in") == true)

        let valid = RegisterReader.check(
            yaml: yaml.replacingOccurrences(of: "  - id: contract.end\n    name: again\n", with: ""))
        #expect(valid.errors.isEmpty, "\(valid.errors)")
        #expect(valid.register?.activity("warranty")?.retention.description == "warranty.end + 1y")
        #expect(valid.register?.activity("warranty")?.legalBasis == [.contract])
    }

    @Test("Useful but missing information gives warnings, and the register is still accepted")
    func warnings() throws {
        let yaml = """
            version: 1
            controller: { name: A, phone: "08-1" }
            recipients:
              - id: mailer
                name: Mailer Inc
                kind: processor
                country: US
            activities:
              - id: news
                name: Nyhetsbrev
                purpose: Nyheter
                data_subjects: [customers]
                data: [email]
                legal_basis: [legitimate_interests]
                retention: objection
                recipients: [mailer]
            """
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.register != nil)
        let messages = check.warnings.map(\.message)
        #expect(messages.contains { $0.contains("has no agreement") })
        #expect(messages.contains { $0.contains("outside the EU/EEA") })
        #expect(messages.contains { $0.contains("security measures") })
        #expect(messages.contains { $0.contains("does not say which") })
    }

    @Test("Direct marketing and Gallra's own registers are marked in the register, and checked")
    func marksOfActivities() throws {
        let register = try RegisterReader.read(yaml: try contents("examples/exempel-programvara.yaml"), file: "x")
        #expect(register.activities.filter(\.directMarketing).map(\.id) == ["direct-mail"])
        #expect(register.activity(keeping: .requests)?.id == "rights-requests")
        #expect(register.activity(keeping: .incidents)?.id == "incidents")

        let yaml = """
            version: 1
            controller: { name: A, phone: "08-1" }
            activities:
              - id: offers
                name: Erbjudanden
                purpose: { sv: "Marknadsföring av våra tjänster" }
                data_subjects: [customers]
                data: [email]
                legal_basis: [legitimate_interests]
                legitimate_interest: Att sälja mer
                retention: collected + 1y
                security: Åtkomststyrning
              - id: requests-a
                name: A
                purpose: A
                data_subjects: [customers]
                data: [email]
                legal_basis: [legal_obligation]
                law: GDPR art. 12
                retention: collected + 10y
                keeps: requests
                security: S
              - id: requests-b
                name: B
                purpose: B
                data_subjects: [customers]
                data: [email]
                legal_basis: [legal_obligation]
                law: GDPR art. 12
                retention: collected + 10y
                keeps: requests
                direct_marketing: maybe
                security: S
            """
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.warnings.contains { $0.line == 4 && $0.message.contains("direct_marketing: true") })
        #expect(check.errors.contains { $0.line == 23 && $0.message.contains("so does \"requests-a\"") })
        #expect(check.errors.contains { $0.line == 32 && $0.message.contains("must be true or false") })
    }
}
