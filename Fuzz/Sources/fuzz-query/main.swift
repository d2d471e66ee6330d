import FuzzDriver
import GallraCore
import Hummingbird
import HummingbirdCore

// The request target as the server reads it (Hummingbird's `URI`): its path, and the query
// parameters the controllers ask for (`lang`, `days`, `status`, `kind`, `q`, `open`, `portable`),
// read as Hummingbird reads them and as the admin UI does (`FormEncoding`: `+` a space), within
// the limit of fields.
Fuzzing.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    for uri in [URI(text), URI("/api/v1/requests?" + text)] {
        _ = uri.path
        _ = uri.host
        _ = uri.port
        let parameters = uri.queryParameters
        for (name, value) in parameters { _ = (name.count, value.count) }
        for name in ["lang", "days", "status", "kind", "q", "open", "portable"] {
            _ = parameters.get(name).map { Int(String($0)) }
        }
        let fields = FormEncoding.fields(Array((uri.query ?? "").utf8))
        guard fields.count <= FormEncoding.fieldLimit else {
            Fuzzing.violated("\(fields.count) query fields, beyond \(FormEncoding.fieldLimit)")
        }
    }
}
