import Foundation
import GallraCore
import GallraImport
import Yams

// Benchmarks of the ROPA import (release build): `swift run -c release gallra-import-bench
// [--megabytes N]`. Each shape of a CSV of about N MB (3 by default) is read through
// `RopaFile.draft`, as `gallra register import` and the admin upload read it; prints the time
// and the answer, asserts nothing.
//
// `--check [ROWS,ROWS…]` (4000,8000 by default): for a CSV of each number of rows, each its own
// activity, the time to draft it, to parse the draft's YAML alone (the floor), and to check it as
// `gallra register check` and the admin upload do.

var megabytes = 3
var kilobytes: Int?
var only: String?
var checkRows: [Int]?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--megabytes": megabytes = Int(arguments.next() ?? "") ?? megabytes
    case "--kilobytes": kilobytes = Int(arguments.next() ?? "")
    case "--only": only = arguments.next()
    case "--check": checkRows = (arguments.next() ?? "4000,8000").split(separator: ",").compactMap { Int($0) }
    default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
    }
}
let size = kilobytes.map { $0 * 1000 } ?? megabytes * 1_000_000
let header = "Behandling;Ändamål;Kategorier av personuppgifter;Kategorier av registrerade;Rättslig grund;Lagringstid\n"

/// Rows from `row(n)` until the file holds `size` bytes.
func table(_ header: String, _ row: (Int) -> String) -> String {
    var text = header
    var number = 0
    while text.utf8.count < size {
        text += row(number)
        number += 1
    }
    return text
}

let shapes: [(name: String, text: () -> String)] = [
    (
        "rows of a register, each its own",
        {
            table(header) {
                "Kundtjänst \($0);Besvara frågor från kund \($0);Namn, e-post, kategori \($0);Kunder;Avtal;Avtalstiden + 1 år\n"
            }
        }
    ),
    ("rows of one name", { table(header) { _ in "Kundtjänst;Besvara frågor;Namn, e-post;Kunder;Avtal;2 år\n" } }),
    (
        "rows continuing the row above",
        { table(header + "Kundtjänst;Frågor;Namn;Kunder;Avtal;2 år\n") { _ in ";;e-post;;;\n" } }
    ),
    (
        "one cell listing many categories",
        { header + "Kundtjänst;Frågor;" + table("") { "kategori \($0), " } + ";Kunder;Avtal;2 år\n" }
    ),
    (
        "one long retention cell",
        { header + "Kundtjänst;Frågor;Namn;Kunder;Avtal;" + table("") { _ in "2 år " } + "\n" }
    ),
    ("a row of many cells", { table("") { _ in "Ändamål;" } + "\n" }),
    ("no header, short cells", { table("") { "a\($0);b;c;d\n" } }),
    ("no header, header-like cells", { table("") { _ in "Lagringstider x;Ändamålet x;Mottagarna\n" } }),
]

/// How long `body` takes, formatted.
func timed<T>(_ body: () throws -> T) rethrows -> (T, String) {
    let start = ContinuousClock.now
    let value = try body()
    return (value, (ContinuousClock.now - start).formatted(.units(allowed: [.seconds, .milliseconds])))
}

if let checkRows {
    for rows in checkRows {
        var text = header
        for number in 0..<rows {
            text +=
                "Kundtjänst \(number);Besvara frågor från kund \(number);Namn, e-post, kategori \(number);Kunder;Avtal;Avtalstiden + 1 år\n"
        }
        let (draft, drafting) = try timed { try RopaFile.draft(data: Data(text.utf8), fileName: "bench.csv") }
        let (_, parsing) = try timed { try Yams.compose(yaml: draft.yaml, .basic) }
        let (check, checking) = timed { RegisterReader.check(yaml: draft.yaml) }
        print(
            "\(rows) rows: draft \(drafting), parse the YAML alone \(parsing), check \(checking) (\(check.problems.count) problems)"
        )
    }
    exit(0)
}

for shape in shapes where only.map({ shape.name.contains($0) }) ?? true {
    let data = Data(shape.text().utf8)
    let start = ContinuousClock.now
    let answer: String
    do {
        answer = try RopaFile.draft(data: data, fileName: "bench.csv").summary
    } catch {
        answer = "refused: \(error)"
    }
    let elapsed = ContinuousClock.now - start
    print(
        "\(shape.name) (\(data.count / 1000) kB): \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds]))) — \(answer.prefix(160))"
    )
}
