import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree of an XML document: what an .xlsx part holds is small enough to read
/// whole.
struct XMLElement {
    let name: String
    let attributes: [String: String]
    var children: [XMLElement] = []
    var text = ""

    /// The element's local name, without a namespace prefix ("x:row" → "row").
    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

    func all(_ local: String) -> [XMLElement] {
        (localName == local ? [self] : []) + children.flatMap { $0.all(local) }
    }

    func first(_ local: String) -> XMLElement? {
        children.first { $0.localName == local }
    }

    /// The text of every `t` element below, in order (a rich-text string's runs).
    var runs: String {
        localName == "t" ? text : children.filter { $0.localName != "rPh" }.map(\.runs).joined()
    }

    static func parse(_ data: Data) -> XMLElement? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLElement] = []
        var root: XMLElement?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(XMLElement(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
