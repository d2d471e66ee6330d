import Foundation

/// The first field an object of a JSON text gives twice. JSONSerialization and JSONDecoder keep
/// one of the two silently, so a body could say one thing to a reader and another to the server.
enum RepeatedFields {
    /// An open object or array while the text is read: an explicit stack, never recursion, so a
    /// deeply nested body costs memory in proportion to its size and no more.
    private struct Container {
        var path: String
        var keys: Set<String>?
        var expectingKey: Bool
        var lastKey = ""
        var index = 0

        func child() -> String {
            let step = keys == nil ? String(index) : lastKey
            return path.isEmpty ? step : "\(path).\(step)"
        }
    }

    /// The path of the first repeated key (`subject`, `events.contract.end`), or nil. Reads each
    /// byte once; any byte string gives an answer (the body is read as JSON before this is asked).
    static func first(in bytes: [UInt8]) -> String? {
        var stack: [Container] = []
        var at = 0
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "\""):
                let start = at + 1
                var escaped = false
                at = start
                while at < bytes.count && bytes[at] != UInt8(ascii: "\"") {
                    if bytes[at] == UInt8(ascii: "\\") {
                        escaped = true
                        at += 1
                    }
                    at += 1
                }
                let end = min(at, bytes.count)
                if var top = stack.last, top.keys != nil, top.expectingKey {
                    let key = Self.key(bytes[start..<end], escaped: escaped)
                    if top.keys?.insert(key).inserted == false { return top.path.isEmpty ? key : "\(top.path).\(key)" }
                    top.expectingKey = false
                    top.lastKey = key
                    stack[stack.count - 1] = top
                }
            case UInt8(ascii: "{"):
                stack.append(Container(path: stack.last?.child() ?? "", keys: [], expectingKey: true))
            case UInt8(ascii: "["):
                stack.append(Container(path: stack.last?.child() ?? "", keys: nil, expectingKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if stack.last?.keys != nil {
                    stack[stack.count - 1].expectingKey = true
                } else if !stack.isEmpty {
                    stack[stack.count - 1].index += 1
                }
            default:
                break
            }
            at += 1
        }
        return nil
    }

    /// A key as the decoder reads it: `"subj\u0065ct"` is `subject`.
    private static func key(_ text: ArraySlice<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: text, as: UTF8.self) }
        let literal = Data([UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")])
        // try?: the body already read as JSON, so its keys decode; were one not to, its raw text
        // still stands for it, and the decoder refuses the body anyway
        return (try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)) as? String
            ?? String(decoding: text, as: UTF8.self)
    }
}
