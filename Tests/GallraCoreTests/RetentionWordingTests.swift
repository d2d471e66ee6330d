import Foundation
import Testing

@testable import GallraCore

/// Every retention rule of the example registers, in the words a privacy notice will use. The
/// sentences were read and approved by a person; a change to the wording shows here.
@Suite("Retention rules in natural Swedish and English")
struct RetentionWordingTests {
    static let expected: [(String, String, String)] = [
        ("contract.end + 1y", "ett år efter att avtalet upphört", "one year after the contract has ended"),
        ("collected + 60d", "60 dagar efter att uppgifterna samlades in", "60 days after the data was collected"),
        ("collected + 365d", "365 dagar efter att uppgifterna samlades in", "365 days after the data was collected"),
        (
            "recruitment.end + 2y", "två år efter att rekryteringsprocessen avslutats",
            "two years after the recruitment process has ended"
        ),
        (
            "end-of-year(fiscal-year.end) + 7y", "sju år efter utgången av det kalenderår då räkenskapsåret avslutades",
            "seven years after the end of the calendar year in which the financial year ended"
        ),
        ("contract.end + 3y", "tre år efter att avtalet upphört", "three years after the contract has ended"),
        ("collected + 2y", "två år efter att uppgifterna samlades in", "two years after the data was collected"),
        ("collected + 5y", "fem år efter att uppgifterna samlades in", "five years after the data was collected"),
        ("contract.end + 30d", "30 dagar efter att avtalet upphört", "30 days after the contract has ended"),
        ("contract.end + 13mo", "13 månader efter att avtalet upphört", "13 months after the contract has ended"),
        ("collected + 3y", "tre år efter att uppgifterna samlades in", "three years after the data was collected"),
        ("collected + 30d", "30 dagar efter att uppgifterna samlades in", "30 days after the data was collected"),
        (
            "min(case.closed + 7d, collected + 12mo)",
            "fram till sju dagar efter att ärendet avslutats eller tolv månader efter att uppgifterna samlades in, beroende på vad som inträffar först",
            "until seven days after the case has been closed or twelve months after the data was collected, whichever comes first"
        ),
        ("none", "sparas inte efter att behandlingen är klar", "not kept after the processing is done"),
        ("collected + 10y", "tio år efter att uppgifterna samlades in", "ten years after the data was collected"),
        (
            "min(campaign.end, consent.withdrawn)",
            "fram till att kampanjen avslutas eller att samtycket återkallas, beroende på vad som inträffar först",
            "until the campaign ends or consent is withdrawn, whichever comes first"
        ),
        ("download + 6mo", "sex månader efter nedladdningen", "six months after the download"),
        (
            "max(position.end, contract.end)",
            "fram till att du lämnar befattningen eller att avtalet upphör, beroende på vad som inträffar sist",
            "until you leave the position or the contract ends, whichever comes last"
        ),
        (
            "max(position.end, warranty.end, contract.end + 10y)",
            "fram till att du lämnar befattningen, garantitidens slut eller tio år efter att avtalet upphört, beroende på vad som inträffar sist",
            "until you leave the position, the end of the warranty period or ten years after the contract has ended, whichever comes last"
        ),
        (
            "max(position.end, contract.end, warranty.end)",
            "fram till att du lämnar befattningen, att avtalet upphör eller garantitidens slut, beroende på vad som inträffar sist",
            "until you leave the position, the contract ends or the end of the warranty period, whichever comes last"
        ),
        (
            "max(position.end, warranty.end, contract.end + 10y, end-of-year(fiscal-year.end) + 7y)",
            "fram till att du lämnar befattningen, garantitidens slut, tio år efter att avtalet upphört eller sju år efter utgången av det kalenderår då räkenskapsåret avslutades, beroende på vad som inträffar sist",
            "until you leave the position, the end of the warranty period, ten years after the contract has ended or seven years after the end of the calendar year in which the financial year ended, whichever comes last"
        ),
        (
            "max(event.end, end-of-year(fiscal-year.end) + 7y)",
            "fram till evenemanget eller sju år efter utgången av det kalenderår då räkenskapsåret avslutades, beroende på vad som inträffar sist",
            "until the event or seven years after the end of the calendar year in which the financial year ended, whichever comes last"
        ),
        (
            "min(objection, relationship.end)",
            "fram till att du invänder eller att kundförhållandet upphör, beroende på vad som inträffar först",
            "until you object or the customer relationship ends, whichever comes first"
        ),
        (
            "relationship.end + 10y", "tio år efter att kundförhållandet upphört",
            "ten years after the customer relationship has ended"
        ),
    ]

    @Test("Every rule of the example registers reads as expected", arguments: expected)
    func wording(rule: String, swedish: String, english: String) throws {
        let warranty = EventDefinition(
            name: EventName(validating: "warranty.end")!,
            meaning: .init(sv: "garantitidens slut", en: "end of the warranty period"))
        let parsed = try RetentionRule(parsing: rule)
        #expect(parsed.wording(.sv, declaredEvents: [warranty]) == swedish)
        #expect(parsed.wording(.en, declaredEvents: [warranty]) == english)
    }

    @Test("The table covers every rule in the example registers")
    func coverage() throws {
        var rules: Set<String> = []
        for path in ["examples/exempel-programvara.yaml", "examples/customer-contacts.yaml"] {
            let register = try RegisterReader.read(yaml: try contents(path), file: path)
            rules.formUnion(register.activities.map(\.retention.description))
        }
        #expect(rules == Set(Self.expected.map(\.0)))
    }

    @Test(
        "Durations in words",
        arguments: [
            ("collected + 1mo", "en månad efter att uppgifterna samlades in", "one month after the data was collected"),
            ("collected + 1d", "en dag efter att uppgifterna samlades in", "one day after the data was collected"),
            ("collected + 24h", "24 timmar efter att uppgifterna samlades in", "24 hours after the data was collected"),
            (
                "contract.end + 1y + 6mo", "ett år och sex månader efter att avtalet upphört",
                "one year and six months after the contract has ended"
            ),
            ("consent.withdrawn", "tills samtycket återkallas", "until consent is withdrawn"),
            (
                "end-of-year(collected)", "till utgången av det kalenderår då uppgifterna samlades in",
                "until the end of the calendar year in which the data was collected"
            ),
        ])
    func durations(rule: String, swedish: String, english: String) throws {
        let parsed = try RetentionRule(parsing: rule)
        #expect(parsed.wording(.sv) == swedish)
        #expect(parsed.wording(.en) == english)
    }
}
