import Foundation
import GallraCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree of an XML document: what an .xlsx part holds is small enough to read
/// whole, within `XMLElement.Budget`.
struct XMLElement {
    let name: String
    let attributes: [String: String]
    var children: [XMLElement] = []
    var text = ""

    /// The element's local name, without a namespace prefix ("x:row" → "row").
    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

    func all(_ local: String) -> [XMLElement] {
        var found: [XMLElement] = []
        collect(local, into: &found)
        return found
    }

    private func collect(_ local: String, into found: inout [XMLElement]) {
        if localName == local { found.append(self) }
        for child in children { child.collect(local, into: &found) }
    }

    func first(_ local: String) -> XMLElement? {
        children.first { $0.localName == local }
    }

    /// The text of every `t` element below, in order (a rich-text string's runs).
    var runs: String {
        localName == "t" ? text : children.filter { $0.localName != "rPh" }.map(\.runs).joined()
    }

    /// How much XML a workbook may hold, over all its parts: elements and attributes, text, and
    /// how deep elements nest (a sheet nests six deep; the tree is walked recursively).
    struct Budget {
        static let depth = 64
        static let nodes = 500_000
        static let characters = 16 * 1024 * 1024
        var nodes = 0
        var characters = 0
    }

    /// The tree, or nil when the document is not well-formed XML; refused when it passes the
    /// budget, which it shares with the workbook's other parts.
    static func parse(_ data: Data, part: String, budget: inout Budget) throws(RopaImportError) -> XMLElement? {
        switch shape(of: data) {
        case .plain: break
        case .notXML: return nil
        case .refused:
            let name = String(part.prefix(100))
            throw RopaImportError(
                sv:
                    "arbetsbokens del \(name) är inte ren UTF-8-XML: en del i en .xlsx har ingen bearbetningsinstruktion utom sin deklaration, och ingen annan teckenkodning",
                en:
                    "the workbook's part \(name) is not plain UTF-8 XML: an .xlsx part holds no processing instruction but its declaration, and no other encoding"
            )
        }
        let builder = Builder(budget: budget)
        let parser = XMLParser(data: data)
        parser.delegate = builder
        let parsed = parser.parse()
        budget = builder.budget
        if let refusal = builder.refusal { throw refusal(part) }
        guard parsed else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLElement] = []
        var root: XMLElement?
        var budget: Budget
        /// What was passed, for the part named: parsing stops at once.
        var refusal: ((String) -> RopaImportError)?

        init(budget: Budget) { self.budget = budget }

        func refuse(_ parser: XMLParser, _ message: @escaping (String) -> RopaImportError) {
            refusal = refusal ?? message
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard refusal == nil else { return }
            budget.nodes += 1 + attributes.count
            guard budget.nodes <= Budget.nodes else {
                return refuse(parser) { part in
                    RopaImportError(
                        sv:
                            "arbetsboken har fler än \(RopaLimits.number(Budget.nodes)) XML-element och attribut (i \(part)); gränsen är \(RopaLimits.number(Budget.nodes))",
                        en:
                            "the workbook holds more than \(RopaLimits.number(Budget.nodes)) XML elements and attributes (in \(part)); the limit is \(RopaLimits.number(Budget.nodes))"
                    )
                }
            }
            guard stack.count < Budget.depth else {
                return refuse(parser) { part in
                    RopaImportError(
                        sv: "\(part) nästlar XML-element djupare än \(Budget.depth) nivåer; gränsen är \(Budget.depth)",
                        en: "\(part) nests XML elements more than \(Budget.depth) deep; the limit is \(Budget.depth)")
                }
            }
            stack.append(XMLElement(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard refusal == nil, !stack.isEmpty else { return }
            budget.characters += string.utf8.count
            guard budget.characters <= Budget.characters else {
                return refuse(parser) { part in
                    RopaImportError(
                        sv:
                            "arbetsbokens text är mer än \(RopaLimits.bytes(Budget.characters)) (i \(part)); gränsen är \(RopaLimits.bytes(Budget.characters))",
                        en:
                            "the workbook's text is more than \(RopaLimits.bytes(Budget.characters)) (in \(part)); the limit is \(RopaLimits.bytes(Budget.characters))"
                    )
                }
            }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard refusal == nil, let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
