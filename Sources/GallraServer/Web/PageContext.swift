import Mustache

/// What a template sees: the frame every page shares (`t`, the words; `title`; the person signed
/// in and the CSRF token) over the page's own model. swift-mustache reads a dictionary by key and
/// any other value through `Mirror`, by its properties' names; an optional that is nil is absent,
/// as a key left out of a dictionary, so a section of it is not shown and `{{^…}}` is.
/// The frame wins over a field of the model of the same name, as it always has.
struct PageContext: MustacheParent {
    let frame: [String: Any]
    let model: Any

    func child(named name: String) -> Any? {
        if let value = frame[name] { return value }
        if let parent = model as? MustacheParent { return parent.child(named: name) }
        guard let field = Mirror(reflecting: model).children.first(where: { $0.label == name }) else { return nil }
        let value = Mirror(reflecting: field.value)
        guard value.displayStyle == .optional else { return field.value }
        return value.children.first?.value
    }
}
