import Foundation
import GallraCore

/// The forecast as a chart drawn by the server: records expiring per week, stacked by activity,
/// as SVG (no script, nothing fetched). A table with the same numbers goes beside it.
struct ForecastChart {
    struct Week {
        let start: CivilDate
        var byActivity: [String: Int] = [:]
        var total: Int { byActivity.values.reduce(0, +) }
    }

    /// Colours told apart with the common colour-vision deficiencies (Okabe–Ito).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

    let weeks: [Week]
    /// The activities in the chart, the most records first; the rest are summed as "other".
    let activities: [String]

    init(expiring: [(date: CivilDate, activity: String, records: Int)], from today: CivilDate, weeks count: Int) {
        var weeks = (0..<count).map { Week(start: today.adding(days: 7 * $0)) }
        var totals: [String: Int] = [:]
        for day in expiring {
            let index = (day.date.daysSinceEpoch - today.daysSinceEpoch) / 7
            guard index >= 0 && index < count else { continue }
            weeks[index].byActivity[day.activity, default: 0] += day.records
            totals[day.activity, default: 0] += day.records
        }
        let ranked = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let shown = Array(ranked.prefix(Self.palette.count - 1))
        if ranked.count > shown.count {
            let other = Set(ranked.dropFirst(shown.count))
            for index in weeks.indices {
                let rest = weeks[index].byActivity.filter { other.contains($0.key) }.values.reduce(0, +)
                weeks[index].byActivity = weeks[index].byActivity.filter { !other.contains($0.key) }
                if rest > 0 { weeks[index].byActivity["other"] = rest }
            }
            activities = shown + ["other"]
        } else {
            activities = shown
        }
        self.weeks = weeks
    }

    /// The SVG, with a title and a legend; `name` turns an activity id into its name.
    func svg(title: String, name: (String) -> String) -> String {
        let width = 720.0
        let height = 260.0
        let left = 44.0
        let bottom = 30.0
        let top = 12.0
        let plotHeight = height - bottom - top
        let maximum = max(1, weeks.map(\.total).max() ?? 1)
        let scale = niceCeiling(maximum)
        let barWidth = (width - left - 8) / Double(max(weeks.count, 1))
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height + 24 * Double((activities.count + 2) / 3)))\" role=\"img\" aria-labelledby=\"chart-title\" class=\"chart\">"
        )
        parts.append("<title id=\"chart-title\">\(escape(title))</title>")
        for step in 0...4 {
            let value = scale * step / 4
            let y = top + plotHeight - plotHeight * Double(value) / Double(scale)
            parts.append(
                "<line x1=\"\(left)\" x2=\"\(width - 8)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#d6dbe2\" stroke-width=\"1\"/>"
            )
            parts.append(
                "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5a6472\">\(value)</text>"
            )
        }
        for (index, week) in weeks.enumerated() {
            let x = left + Double(index) * barWidth + 3
            var y = top + plotHeight
            for (position, activity) in activities.enumerated() {
                guard let count = week.byActivity[activity], count > 0 else { continue }
                let h = plotHeight * Double(count) / Double(scale)
                y -= h
                parts.append(
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth - 6)\" height=\"\(h)\" fill=\"\(Self.palette[position])\"><title>\(escape("\(week.start): \(name(activity)), \(count)"))</title></rect>"
                )
            }
            if index % 2 == 0 {
                parts.append(
                    "<text x=\"\(x + (barWidth - 6) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5a6472\">\(week.start.description.dropFirst(5))</text>"
                )
            }
        }
        for (position, activity) in activities.enumerated() {
            let x = left + Double(position % 3) * 225
            let y = height + 4 + Double(position / 3) * 22
            parts.append(
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(Self.palette[position])\"/>"
                    + "<text x=\"\(x + 18)\" y=\"\(y + 11)\" font-size=\"12\" fill=\"#1d2430\">\(escape(String(name(activity).prefix(32))))</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// The top of the scale: the largest week rounded up so that four gridlines fall on whole numbers.
    private func niceCeiling(_ value: Int) -> Int {
        max(4, ((value + 3) / 4) * 4)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
