import FuzzDriver
import Hummingbird

// The `Cookie` header as the server reads it (Hummingbird's `Cookies`): the session cookie and the
// anti-forgery cookies of the sign-in and public request forms.
Fuzzing.run { bytes in
    let header = String(decoding: bytes, as: UTF8.self)
    let cookies = Cookies(from: [header])
    for name in ["gallra_session", "gallra_signin", "gallra_door"] {
        if let cookie = cookies[name] {
            _ = (cookie.name, cookie.value, cookie.description)
        }
    }
}
