/// The square of a QR code as it is drawn: the function patterns first (finders, separators,
/// timing, alignment, the dark module, the format and version areas), then the codewords in the
/// two-column zigzag from the bottom right (§7.7), masked, then the format and version bits.
struct QRMatrix {
    let version: Int
    let size: Int
    /// Row by row.
    var dark: [[Bool]]
    /// The modules of function patterns, which data and masks leave alone.
    var reserved: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        reserved = dark
        drawFunctionPatterns()
    }

    private mutating func set(row: Int, column: Int, _ value: Bool) {
        dark[row][column] = value
        reserved[row][column] = true
    }

    private mutating func drawFunctionPatterns() {
        for index in 0..<size {
            set(row: 6, column: index, index % 2 == 0)
            set(row: index, column: 6, index % 2 == 0)
        }
        for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] {
            // The 7×7 finder and its light separator around it.
            for dy in -4...4 {
                for dx in -4...4 {
                    let (r, c) = (row + dy, column + dx)
                    guard r >= 0, r < size, c >= 0, c < size else { continue }
                    let ring = max(abs(dx), abs(dy))
                    set(row: r, column: c, ring != 2 && ring != 4)
                }
            }
        }
        let centres = QRCode.alignmentCentres(version)
        for row in centres {
            for column in centres {
                // Not over the finders.
                let last = centres.count - 1
                if (row == centres[0] && column == centres[0]) || (row == centres[0] && column == centres[last])
                    || (row == centres[last] && column == centres[0])
                {
                    continue
                }
                for dy in -2...2 {
                    for dx in -2...2 { set(row: row + dy, column: column + dx, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // The format areas (written at the end) and the dark module.
        drawFormat(0)
        if version >= 7 {
            let bits = QRCode.versionBits(version)
            for index in 0..<18 {
                let bit = (bits >> index) & 1 == 1
                let (a, b) = (size - 11 + index % 3, index / 3)
                set(row: b, column: a, bit)
                set(row: a, column: b, bit)
            }
        }
    }

    /// The format bits in their two copies (and the dark module beside the lower one).
    private mutating func drawFormat(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(row: index, column: 8, bit(index)) }
        set(row: 7, column: 8, bit(6))
        set(row: 8, column: 8, bit(7))
        set(row: 8, column: 7, bit(8))
        for index in 9..<15 { set(row: 8, column: 14 - index, bit(index)) }
        for index in 0..<8 { set(row: 8, column: size - 1 - index, bit(index)) }
        for index in 8..<15 { set(row: size - 15 + index, column: 8, bit(index)) }
        set(row: size - 8, column: 8, true)
    }

    /// The code with `codewords` placed and `mask` applied.
    func drawn(_ codewords: [UInt8], mask: Int) -> [[Bool]] {
        var matrix = self
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let row = upward ? size - 1 - vertical : vertical
                for column in [right, right - 1] where !reserved[row][column] {
                    if index < codewords.count * 8 {
                        matrix.dark[row][column] = (codewords[index / 8] >> (7 - index % 8)) & 1 == 1
                        index += 1
                    }
                    if Self.masks(mask, row: row, column: column) { matrix.dark[row][column].toggle() }
                }
            }
            right -= 2
        }
        matrix.drawFormat(QRCode.formatBits(mask: mask))
        return matrix.dark
    }

    /// Whether mask pattern `mask` inverts the module at row `i`, column `j` (§7.8.2, table 10).
    static func masks(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }
}

/// The penalty of a masked code (§7.8.3): the mask with the lowest is used.
enum QRPenalty {
    static func score(_ modules: [[Bool]]) -> Int {
        let size = modules.count
        let columns = (0..<size).map { column in modules.map { $0[column] } }
        var score = 0
        for line in modules + columns {
            // N1: runs of five or more alike.
            var run = 1
            for index in 1..<size {
                if line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            // N3: 1:1:3:1:1 finder-like patterns with four light modules on a side.
            let pattern: [Bool] = [true, false, true, true, true, false, true]
            for start in 0...(size - 7) where Array(line[start..<start + 7]) == pattern {
                let before = (max(0, start - 4)..<start).allSatisfy { !line[$0] } && start >= 4
                let after = (start + 7..<min(size, start + 11)).allSatisfy { !line[$0] } && start + 11 <= size
                if before || after { score += 40 }
            }
        }
        // N2: 2×2 blocks alike.
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = modules[row][column]
                if modules[row][column + 1] == colour && modules[row + 1][column] == colour
                    && modules[row + 1][column + 1] == colour
                {
                    score += 3
                }
            }
        }
        // N4: the share of dark modules away from half, by steps of 5 %.
        let darkCount = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        score += 10 * (abs(darkCount * 20 - total * 10) / total)
        return score
    }
}

extension QRCode {
    /// The code as an SVG image, each module `scale` pixels, within the quiet zone of four
    /// modules the standard asks for; `label` names it for a screen reader.
    public func svg(scale: Int = 4, label: String) -> String {
        let side = (size + 8) * scale
        var path = ""
        for (row, line) in modules.enumerated() {
            for (column, dark) in line.enumerated() where dark {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" aria-label="\(HTML.escape(label))" \
            width="\(side)" height="\(side)" viewBox="0 0 \(size + 8) \(size + 8)" shape-rendering="crispEdges">\
            <rect width="\(size + 8)" height="\(size + 8)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
