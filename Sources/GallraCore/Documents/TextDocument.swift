import Foundation

/// A document for people — the access report, the Art. 30 record, the privacy notice — built once
/// as plain text blocks and rendered to HTML or Markdown, so both say the same.
public struct TextDocument: Sendable {
    public enum Layout: Sendable {
        case portrait
        /// Wide tables: the Art. 30 record, laid out like the seed registers' tables.
        case landscape
    }

    public struct Item: Sendable {
        /// Set in bold before the text.
        public var lead: String?
        public var text: String
    }

    public enum Block: Sendable {
        case heading(level: Int, String)
        case paragraph(String)
        /// A paragraph set off as the document's summary.
        case lead(String)
        /// Terms and their values; a value of several lines keeps its lines.
        case definitions([(term: String, value: [String])])
        case table(headers: [String], rows: [[String]])
        case list([Item])
    }

    public var title: String
    public var language: Language
    public var layout: Layout = .portrait
    public var blocks: [Block] = []

    public init(title: String, language: Language, layout: Layout = .portrait) {
        self.title = title
        self.language = language
        self.layout = layout
    }

    mutating func add(_ block: Block) { blocks.append(block) }

    /// Terms with empty values are left out.
    mutating func define(_ pairs: [(String, [String])]) {
        let kept = pairs.filter { !$0.1.isEmpty && !$0.1.allSatisfy(\.isEmpty) }
        if !kept.isEmpty { add(.definitions(kept.map { (term: $0.0, value: $0.1) })) }
    }
}

extension TextDocument {
    public var html: String {
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        var anchors: Set<String> = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let tag = "h\(min(max(level, 2), 4))"
                // Each heading can be linked to (`/privacy#kundsupport`): its words, once per document.
                var anchor = Self.anchor(text)
                var number = 2
                while anchors.contains(anchor) {
                    anchor = Self.anchor(text) + "-\(number)"
                    number += 1
                }
                anchors.insert(anchor)
                body += "<\(tag) id=\"\(anchor)\">\(HTML.escape(text))</\(tag)>\n"
            case .paragraph(let text):
                body += "<p>\(HTML.escape(text))</p>\n"
            case .lead(let text):
                body += "<p class=\"lead\">\(HTML.escape(text))</p>\n"
            case .definitions(let pairs):
                body +=
                    HTML.definitions(pairs.map { ($0.term, $0.value.map(HTML.escape).joined(separator: "<br>")) })
                    + "\n"
            case .table(let headers, let rows):
                body +=
                    HTML.table(
                        headers: headers,
                        rows: rows.map { $0.map { HTML.escape($0).replacingOccurrences(of: "\n", with: "<br>") } })
                    + "\n"
            case .list(let items):
                body += "<ul>\n"
                for item in items {
                    let lead = item.lead.map { "<strong>\(HTML.escape($0))</strong> " } ?? ""
                    body += "<li>\(lead)\(HTML.escape(item.text))</li>\n"
                }
                body += "</ul>\n"
            }
        }
        return HTML.page(title: title, language: language, body: body, landscape: layout == .landscape)
    }

    public var markdown: String {
        var parts = ["# \(Markdown.inline(title))"]
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                parts.append(String(repeating: "#", count: min(max(level, 2), 4)) + " " + Markdown.inline(text))
            case .paragraph(let text):
                parts.append(Markdown.inline(text))
            case .lead(let text):
                parts.append("*\(Markdown.inline(text))*")
            case .definitions(let pairs):
                parts.append(
                    pairs.map { "- **\(Markdown.inline($0.term))**: " + Markdown.lines($0.value) }.joined(
                        separator: "\n"))
            case .table(let headers, let rows):
                var lines = ["| " + headers.map(Markdown.cell).joined(separator: " | ") + " |"]
                lines.append("|" + String(repeating: " --- |", count: headers.count))
                lines += rows.map { "| " + $0.map(Markdown.cell).joined(separator: " | ") + " |" }
                parts.append(lines.joined(separator: "\n"))
            case .list(let items):
                parts.append(
                    items.map {
                        "- " + ($0.lead.map { "**\(Markdown.inline($0))** " } ?? "") + Markdown.inline($0.text)
                    }
                    .joined(separator: "\n"))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }
}

enum Markdown {
    /// Text that Markdown would otherwise read as markup.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Lines of one value on one line: sentences follow each other, other lines are separated.
    static func lines(_ lines: [String]) -> String {
        var result = ""
        for line in lines {
            if !result.isEmpty { result += result.hasSuffix(".") ? " " : "; " }
            result += inline(line)
        }
        return result
    }

    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "\n", with: "<br>")
    }
}

extension TextDocument {
    /// "Kundsupport och ärenden" → "kundsupport-och-arenden": letters and digits, Swedish letters
    /// without their marks, words joined by hyphens.
    static func anchor(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "sv"))
        let words = folded.lowercased().split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        let anchor = words.joined(separator: "-")
        return anchor.isEmpty ? "section" : anchor
    }
}
