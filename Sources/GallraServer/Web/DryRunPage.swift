import Foundation
import GallraCore
import GallraServices

/// What a dry run of the sweep found (`dry-run.mustache`): per activity, the records the sweep
/// would erase or anonymise and those it keeps back, and, for one activity at a time, the records
/// themselves, a page of them at a time, with the person where the role may see people and the
/// reason a record is kept back in the reader's language. The same page asks "sweep now?" when
/// `confirm` is set, so that what the sweep is about to do is what the officer reads.
struct DryRunPage: Encodable, Sendable {
    static let pageSize = 50

    struct Activity: Encodable, Sendable {
        let id: String
        let name: String
        let erase: Int
        let anonymise: Int
        let kept: Int
        let selected: Bool
    }

    struct Line: Encodable, Sendable {
        /// The person's name, or their id where they have none; nil where the role may not see people.
        let person: String?
        let subject: String
        let expired: String
        let what: String
        let keptBack: Bool
    }

    struct Connected: Encodable, Sendable {
        let table: String
        let activity: String
        let erase: Int
        let anonymise: Int
        /// "3 rows kept back (…); 2 rows kept under a legal hold", or nil.
        let kept: String?
    }

    /// The form a button of the page sends: paging, or the sweep itself.
    struct Button: Encodable, Sendable {
        let label: String
        let activity: String
        let page: Int
    }

    let navRetention = true
    let heading: String
    let lead: String
    /// What the sweep would do, in a sentence.
    let summary: String
    let totals: SweepTotals
    let nothing: Bool
    let activities: [Activity]
    let hasActivities: Bool
    /// The activity listed below, its lines, and where they are.
    let listed: String?
    let lines: [Line]
    let peopleHidden: Bool
    let pageOf: String?
    let previous: Button?
    let next: Button?
    /// Where the paging and activity buttons post: the dry run, or the sweep's question.
    let action: String
    let connected: [Connected]
    let hasConnected: Bool
    /// "Sweep now?": the confirming button.
    let confirm: String?

    /// The page for `report`, listing `activity` (by default the first with records) at `page`.
    static func build(
        _ report: SweepReport, activity chosen: String?, page: Int, heading: String, lead: String,
        confirm: String?, action: String, register: Register?, calendar: ZonedCalendar, words: Words,
        language: Language, names: ([String]) async throws -> [String: String]?
    ) async throws -> DryRunPage {
        func name(_ activity: String) -> String { register?.activity(activity)?.name[language] ?? activity }
        var erase: [String: Int] = [:]
        var anonymise: [String: Int] = [:]
        var kept: [String: Int] = [:]
        for item in report.items {
            if item.action == .anonymise {
                anonymise[item.activity, default: 0] += 1
            } else {
                erase[item.activity, default: 0] += 1
            }
        }
        for item in report.kept { kept[item.activity, default: 0] += 1 }
        let ids = Set(erase.keys).union(anonymise.keys).union(kept.keys).sorted { name($0) < name($1) }
        let selected = chosen.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first
        // The lines of the selected activity: what is removed first, then what is kept back.
        var lines: [(subject: String, expired: Date, what: String, keptBack: Bool)] = []
        if let selected {
            for item in report.items where item.activity == selected {
                lines.append(
                    (item.subject, item.expired, words[item.action == .anonymise ? .toAnonymise : .toErase], false))
            }
            for item in report.kept where item.activity == selected {
                let reason = words[item.reason == .legalHold ? .heldLegalHold : .heldAwaitingReview]
                lines.append((item.subject, item.expired, reason, true))
            }
        }
        let pages = max(1, (lines.count + pageSize - 1) / pageSize)
        let page = min(max(1, page), pages)
        let shown = Array(lines.dropFirst((page - 1) * pageSize).prefix(pageSize))
        let known = try await names(Array(Set(shown.map(\.subject))))
        let summary = words.fill(
            .dryRunTotals,
            [
                "erased": words.count(report.erased, .record), "anonymised": words.count(report.anonymised, .record),
                "subjects": words.count(report.subjectsErased, .person), "held": words.count(report.held, .record),
                "waiting": words.count(report.waiting, .record),
            ])
        return DryRunPage(
            heading: heading, lead: lead, summary: summary, totals: SweepTotals(report, reviewed: true, words: words),
            nothing: ids.isEmpty && report.connected.allSatisfy { $0.rows == 0 && $0.kept == 0 && $0.held == 0 },
            activities: ids.map { id in
                Activity(
                    id: id, name: name(id), erase: erase[id] ?? 0, anonymise: anonymise[id] ?? 0, kept: kept[id] ?? 0,
                    selected: id == selected)
            },
            hasActivities: !ids.isEmpty,
            listed: selected.map(name),
            lines: shown.map { line in
                Line(
                    person: known.map { $0[line.subject] ?? line.subject }, subject: line.subject,
                    expired: "\(calendar.localDate(of: line.expired))", what: line.what, keptBack: line.keptBack)
            },
            peopleHidden: known == nil,
            pageOf: pages > 1 ? words.fill(.pageOf, ["page": "\(page)", "pages": "\(pages)"]) : nil,
            previous: page > 1 && selected != nil
                ? Button(label: words[.previousPage], activity: selected!, page: page - 1) : nil,
            next: page < pages && selected != nil
                ? Button(label: words[.nextPage], activity: selected!, page: page + 1) : nil,
            action: action,
            connected: report.connected.filter { $0.rows > 0 || $0.kept > 0 || $0.held > 0 }.map { table in
                var kept: [String] = []
                if table.kept > 0 { kept.append(words.fill(.rowsKept, ["rows": words.count(table.kept, .row)])) }
                if table.held > 0 { kept.append(words.fill(.rowsHeld, ["rows": words.count(table.held, .row)])) }
                return Connected(
                    table: "\(table.system).\(table.table)", activity: name(table.activity), erase: table.erased,
                    anonymise: table.anonymised, kept: kept.isEmpty ? nil : kept.joined(separator: "; "))
            },
            hasConnected: report.connected.contains { $0.rows > 0 || $0.kept > 0 || $0.held > 0 },
            confirm: confirm)
    }
}
