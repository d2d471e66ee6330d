import GallraCore
import Hummingbird

extension Request {
    /// The query string's fields as a browser writes them, `application/x-www-form-urlencoded`:
    /// a `+` is a space, as a `%20` is (Hummingbird's `queryParameters` leaves `+` as it is, so a
    /// phone number typed with spaces into a form sent by GET, `+46+70+…`, would not be found).
    var formQuery: [String: String] {
        FormEncoding.fields(Array((uri.query ?? "").utf8))
    }
}
