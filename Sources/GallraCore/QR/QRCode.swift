/// A QR code (ISO/IEC 18004) of a short text, in byte mode at error correction level M, versions
/// 1 to 13 (up to 331 bytes): enough for the otpauth:// address an authenticator app scans.
/// Pure and small, because no QR package is at hand: the modules as a square of booleans (true
/// is dark), drawn by `svg`.
public struct QRCode: Sendable, Equatable {
    /// 17 + 4 × version modules a side.
    public let version: Int
    /// The mask pattern chosen (0–7), the one with the lowest penalty.
    public let mask: Int
    /// Row by row; true is a dark module.
    public let modules: [[Bool]]

    public var size: Int { modules.count }

    /// How a version at level M splits its codewords: error-correction codewords per block, and
    /// the blocks' data codewords (ISO/IEC 18004 table 9).
    struct Blocks {
        let ecPerBlock: Int
        let dataPerBlock: [Int]
        var dataCount: Int { dataPerBlock.reduce(0, +) }
    }

    static let levelM: [Int: Blocks] = [
        1: Blocks(ecPerBlock: 10, dataPerBlock: [16]),
        2: Blocks(ecPerBlock: 16, dataPerBlock: [28]),
        3: Blocks(ecPerBlock: 26, dataPerBlock: [44]),
        4: Blocks(ecPerBlock: 18, dataPerBlock: [32, 32]),
        5: Blocks(ecPerBlock: 24, dataPerBlock: [43, 43]),
        6: Blocks(ecPerBlock: 16, dataPerBlock: [27, 27, 27, 27]),
        7: Blocks(ecPerBlock: 18, dataPerBlock: [31, 31, 31, 31]),
        8: Blocks(ecPerBlock: 22, dataPerBlock: [38, 38, 39, 39]),
        9: Blocks(ecPerBlock: 22, dataPerBlock: [36, 36, 36, 37, 37]),
        10: Blocks(ecPerBlock: 26, dataPerBlock: [43, 43, 43, 43, 44]),
        11: Blocks(ecPerBlock: 30, dataPerBlock: [50, 51, 51, 51, 51]),
        12: Blocks(ecPerBlock: 22, dataPerBlock: [36, 36, 36, 36, 36, 36, 37, 37]),
        13: Blocks(ecPerBlock: 22, dataPerBlock: [37, 37, 37, 37, 37, 37, 37, 37, 38]),
    ]

    /// The centres of the alignment patterns, per version (table E.1).
    static func alignmentCentres(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let table: [Int: [Int]] = [
            2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42],
            9: [6, 26, 46], 10: [6, 28, 50], 11: [6, 30, 54], 12: [6, 32, 58], 13: [6, 34, 62],
        ]
        return table[version] ?? []
    }

    /// The smallest version that holds `text`; nil when it is longer than version 13 holds.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard
            let version = (1...13).first(where: { version in
                let countBits = version < 10 ? 8 : 16
                return 4 + countBits + 8 * bytes.count <= 8 * Self.levelM[version]!.dataCount
            })
        else { return nil }
        let codewords = Self.codewords(Self.dataCodewords(bytes, version: version), version: version)
        var best: (mask: Int, modules: [[Bool]], penalty: Int)?
        for mask in 0..<8 {
            let modules = QRMatrix(version: version).drawn(codewords, mask: mask)
            let penalty = QRPenalty.score(modules)
            if best == nil || penalty < best!.penalty { best = (mask, modules, penalty) }
        }
        self.version = version
        self.mask = best!.mask
        self.modules = best!.modules
    }

    /// Mode indicator 0100 (bytes), the count, the bytes, a terminator, then the pad codewords
    /// 0xEC 0x11 until the version's data capacity (§7.4).
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        let capacity = 8 * levelM[version]!.dataCount
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: [UInt8] = [0xEC, 0x11]
        while codewords.count < capacity / 8 {
            codewords.append(pad[0])
            pad.reverse()
        }
        return codewords
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved
    /// (§7.5–7.6).
    static func codewords(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = levelM[version]!
        var blocks: [[UInt8]] = []
        var start = 0
        for count in layout.dataPerBlock {
            blocks.append(Array(data[start..<start + count]))
            start += count
        }
        let ec = blocks.map { ReedSolomon.remainder($0, degree: layout.ecPerBlock) }
        var result: [UInt8] = []
        for index in 0..<(layout.dataPerBlock.max() ?? 0) {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ecPerBlock {
            for block in ec { result.append(block[index]) }
        }
        return result
    }

    /// The 15 bits of format information: level M (00) and the mask, BCH(15,5), XOR 0x5412 (§7.9).
    static func formatBits(mask: Int) -> Int {
        let data = (0b00 << 3) | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The 18 bits of version information, versions 7 and up: BCH(18,6) (§7.10).
    static func versionBits(_ version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0x1F25, degree: 12)
    }

    static func bchRemainder(_ value: Int, generator: Int, degree: Int) -> Int {
        var remainder = value
        let top = generator.bitWidth - generator.leadingZeroBitCount
        while remainder.bitWidth - remainder.leadingZeroBitCount >= top {
            remainder ^= generator << ((remainder.bitWidth - remainder.leadingZeroBitCount) - top)
        }
        return remainder & ((1 << degree) - 1)
    }
}

/// Reed–Solomon over GF(256) with the QR code's polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for index in 0..<512 {
            table[index] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exp[index])] = index }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
    }

    /// The generator (x − α⁰)(x − α¹)…(x − α^(degree−1)), its coefficients from the highest power.
    static func generator(degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for root in 0..<degree {
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (index, coefficient) in poly.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, exp[root])
            }
            poly = next
        }
        return poly
    }

    /// The error-correction codewords of `data`: the remainder of data·x^degree by the generator.
    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        let generator = generator(degree: degree)
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<degree { remainder[index] ^= multiply(generator[index + 1], factor) }
        }
        return remainder
    }
}
