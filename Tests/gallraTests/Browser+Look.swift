import Foundation
import Testing

extension Browser {
    /// Looks at the page at `width`, as a user of that screen would: no serious or critical
    /// accessibility problem (axe-core), nothing wider than the screen, and a screenshot
    /// `NAME-WIDTH.png` (or `NAME.png` with `suffixed: false`) in `directory`.
    func look(_ name: String, width: Int, into directory: URL, suffixed: Bool = true) async throws {
        try await fitToPage(width: width)
        if let axe = AdminBrowserTests.axe {
            let problems = try await accessibilityProblems(axe: axe)
            #expect(problems.isEmpty, "\(name) at \(width) px: \(problems.joined(separator: "; "))")
        } else if Browser.mustRun {
            Issue.record("axe-core is not installed (GALLRA_TEST_PYTHONPATH)")
        }
        let overflow =
            try await evaluate("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            as? Int
        #expect(overflow == 0, "\(name) overflows a \(width)-pixel screen by \(overflow ?? -1) px")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await screenshot().write(
            to: directory.appendingPathComponent(suffixed ? "\(name)-\(width).png" : "\(name).png"))
    }

    /// The page at a desktop's width and a phone's, then back at the desktop's.
    func lookAtDesktopAndPhone(_ name: String, into directory: URL, phone: Int = 375) async throws {
        try await look(name, width: 1280, into: directory)
        try await look(name, width: phone, into: directory)
        try await fitToPage(width: 1280)
    }
}
