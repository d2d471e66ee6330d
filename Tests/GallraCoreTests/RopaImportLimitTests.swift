import Foundation
import Testing

@testable import GallraCore

/// Issue 29, finding 3: a CSV, TSV or pasted table is read in one pass, in time that grows with
/// its size and no faster, and refused by name past each limit of `RopaLimits`.
@Suite("Importing a large or hostile table")
struct RopaImportLimitTests {
    static let header =
        "Behandling;Ändamål;Kategorier av personuppgifter;Kategorier av registrerade;Rättslig grund;Lagringstid\n"

    static func refusal(_ text: String, _ fileExtension: String = "csv") -> String? {
        do {
            _ = try RopaImporter.draft(RopaTextTable.grid(text: text, fileExtension: fileExtension), source: "t")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("A 3 MB CSV of 28,000 activities, each with categories of its own, is read whole")
    func largeCSV() throws {
        var text = Self.header
        var number = 0
        while text.utf8.count < 3_000_000 {
            text +=
                "Kundtjänst \(number);Besvara frågor \(number);Namn, e-post, kategori \(number);Kunder;Avtal;Avtalstiden + 1 år\n"
            number += 1
        }
        let draft = try RopaImporter.draft(RopaTextTable.grid(text: text, fileExtension: "csv"), source: "large.csv")
        #expect(draft.activityCount == number)
        #expect(draft.rulesRead == number)
        #expect(draft.yaml.contains("- id: kundtjanst-\(number - 1)"))
        #expect(draft.yaml.contains("- { id: kategori-\(number - 1), name: { sv: \"kategori \(number - 1)\" } }"))
    }

    @Test("Rows of one name, and rows continuing the row above, are read as before")
    func repeatedAndContinuedRows() throws {
        let same = Self.header + String(repeating: "Kundtjänst;Frågor;Namn;Kunder;Avtal;2 år\n", count: 5_000)
        let draft = try RopaImporter.draft(RopaTextTable.grid(text: same, fileExtension: "csv"), source: "t")
        #expect(draft.yaml.contains("- id: kundtjanst-5000"))
        let continued =
            Self.header + "Kundtjänst;Frågor;Namn;Kunder;Avtal;2 år\n"
            + String(repeating: ";;e-post;;;\n", count: 20_000)
        let one = try RopaImporter.draft(RopaTextTable.grid(text: continued, fileExtension: "csv"), source: "t")
        #expect(one.activityCount == 1)
    }

    @Test("Past the rows, columns, cells or characters of a cell, a table is refused naming the limit")
    func limits() {
        #expect(
            Self.refusal(Self.header + String(repeating: "a;b\n", count: 100_000))
                == "the table has more than 100,000 rows; the limit is 100,000 rows")
        #expect(
            Self.refusal(Self.header + String(repeating: "a;", count: 1_000) + "\n")
                == "row 2 has more than 1,000 cells; the limit is 1,000 columns")
        #expect(
            Self.refusal(String(repeating: "a\t", count: 1_000) + "\n", "tsv")
                == "row 1 has more than 1,000 cells; the limit is 1,000 columns")
        #expect(
            Self.refusal(Self.header + "Kundtjänst;\"" + String(repeating: "x", count: 32_768) + "\"\n")
                == "a cell of row 2 has more than 32,767 characters; the limit is 32,767 characters, as in Excel")
        #expect(
            Self.refusal(Self.header + String(repeating: "a;b;c;d;e;f;g;h;i;j;k\n", count: 99_000))
                == "the table has more than 1,000,000 cells; the limit is 1,000,000 cells")
        let pasted = "Ändamål |\nRättslig grund |\nLagringstid |\n" + String(repeating: "x", count: 40_000) + " |\n"
        #expect(Self.refusal(pasted, "txt")?.hasSuffix("the limit is 32,767 characters, as in Excel") == true)
    }

    @Test("A retention cell longer than a phrase is left to a person, not given to the phrase reader")
    func longRetention() throws {
        let text =
            Self.header + "Kundtjänst;Frågor;Namn;Kunder;Avtal;" + String(repeating: "2 år ", count: 5_000) + "\n"
        let draft = try RopaImporter.draft(RopaTextTable.grid(text: text, fileExtension: "csv"), source: "t")
        #expect(
            draft.decisions.contains {
                $0.message
                    == "bestäm lagringsregeln: formuleringen är längre än 2,000 tecken, mer än frasläsaren läser"
            })
    }
}
