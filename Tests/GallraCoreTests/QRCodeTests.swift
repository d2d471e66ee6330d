import Foundation
import Testing

@testable import GallraCore

/// The QR encoder against values from the standard (ISO/IEC 18004) and against a small reader
/// written here apart from it: what the encoder draws, a reader of the standard reads back.
@Suite("The QR code of an authenticator app's address")
struct QRCodeTests {
    @Test("Format information for level M and each mask, as in the standard's table")
    func formatBits() {
        let table = [
            "101010000010010", "101000100100101", "101111001111100", "101101101001011",
            "100010111111001", "100000011001110", "100111110010111", "100101010100000",
        ]
        for (mask, bits) in table.enumerated() {
            #expect(QRCode.formatBits(mask: mask) == Int(bits, radix: 2), "mask \(mask)")
        }
    }

    @Test("Version information, versions 7 to 10, as in the standard's table")
    func versionBits() {
        #expect(QRCode.versionBits(7) == 0x07C94)
        #expect(QRCode.versionBits(8) == 0x085BC)
        #expect(QRCode.versionBits(9) == 0x09A99)
        #expect(QRCode.versionBits(10) == 0x0A4D3)
    }

    @Test("Reed–Solomon codewords of the worked example HELLO WORLD, 1-M")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test(
        "What is drawn reads back as the text, at each size an address takes",
        arguments: [
            "otpauth://totp/a@b.se?secret=MFRGG&issuer=Gallra",
            "otpauth://totp/anna.andersson%40example.se?secret=ONSWG4TFORZWK4TFORZWK4TFORZWK4TF&issuer=Gallra",
            "otpauth://totp/"
                + String(repeating: "lång.förnamn.efternamn", count: 6)
                + "%40example.se?secret=ONSWG4TFORZWK4TFORZWK4TFORZWK4TF&issuer=Gallra",
            String(repeating: "x", count: 331),
        ])
    func roundTrip(text: String) throws {
        let code = try #require(QRCode(text))
        #expect(code.size == 17 + 4 * code.version)
        #expect(try QRReader.read(code.modules) == text, "version \(code.version), mask \(code.mask)")
    }

    @Test("A text longer than version 13 holds is refused, not cut")
    func tooLong() {
        // 334 data codewords at 13-M, less the mode and the 16-bit count.
        #expect(QRCode(String(repeating: "x", count: 332)) == nil)
        #expect(QRCode(String(repeating: "x", count: 331))?.version == 13)
    }

    @Test("The SVG draws each dark module within a quiet zone and names the image")
    func svg() throws {
        let code = try #require(QRCode("otpauth://totp/x?secret=AB"))
        let svg = code.svg(label: "QR <code>")
        let dark = code.modules.joined().filter { $0 }.count
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        #expect(svg.contains("aria-label=\"QR &lt;code&gt;\""))
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
    }
}

/// A reader of byte-mode QR codes at level M, written from the standard apart from the encoder:
/// the format read and checked by the nearest valid codeword, the function patterns found from
/// the version, the codewords read in the zigzag, each block checked by its syndromes, the bytes
/// read from the bit stream.
enum QRReader {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func read(_ modules: [[Bool]]) throws -> String {
        let size = modules.count
        let version = (size - 17) / 4
        // Format: around the top-left finder, most significant bit first reading (8,0)…(8,5),(8,7),(8,8),(7,8),(5,8)…(0,8).
        var positions: [(Int, Int)] = (0...5).map { ($0, 8) } + [(7, 8), (8, 8), (8, 7)]
        positions += (0...5).reversed().map { (8, $0) }
        // Bit i of the format sits at positions[i] (bit 0 first).
        var raw = 0
        for (index, (row, column)) in positions.enumerated() where modules[row][column] { raw |= 1 << index }
        let format = raw ^ 0x5412
        // The nearest of the 32 valid codewords: data·x¹⁰ plus its remainder by 0x537.
        let (data, distance) = (0..<32).map { data -> (Int, Int) in
            var value = data << 10
            for shift in stride(from: 4, through: 0, by: -1) where value & (1 << (shift + 10)) != 0 {
                value ^= 0x537 << shift
            }
            return (data, ((data << 10 | value) ^ format).nonzeroBitCount)
        }.min { $0.1 < $1.1 }!
        guard distance <= 3 else { throw Failure(description: "unreadable format information") }
        guard data >> 3 == 0 else { throw Failure(description: "not level M") }
        let mask = data & 7

        let function = functionModules(size: size, version: version)
        var bits: [Bool] = []
        var column = size - 1
        var upward = true
        while column > 0 {
            if column == 6 { column -= 1 }
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for c in [column, column - 1] where !function[row][c] {
                    bits.append(modules[row][c] != masked(mask, row, c))
                }
            }
            upward.toggle()
            column -= 2
        }
        let codewords = stride(from: 0, to: bits.count - 7, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        // Blocks at level M: (error-correction codewords per block, data codewords per block).
        let blocks: [Int: (Int, [Int])] = [
            1: (10, [16]), 2: (16, [28]), 3: (26, [44]), 4: (18, [32, 32]), 5: (24, [43, 43]),
            6: (16, [27, 27, 27, 27]), 7: (18, [31, 31, 31, 31]), 8: (22, [38, 38, 39, 39]),
            9: (22, [36, 36, 36, 37, 37]), 10: (26, [43, 43, 43, 43, 44]), 11: (30, [50, 51, 51, 51, 51]),
            12: (22, [36, 36, 36, 36, 36, 36, 37, 37]), 13: (22, [37, 37, 37, 37, 37, 37, 37, 37, 38]),
        ]
        guard let (ec, lengths) = blocks[version] else { throw Failure(description: "version \(version)") }
        var split = lengths.map { _ in [Int]() }
        var next = 0
        for index in 0..<lengths.max()! {
            for block in split.indices where index < lengths[block] {
                split[block].append(codewords[next])
                next += 1
            }
        }
        for _ in 0..<ec {
            for block in split.indices {
                split[block].append(codewords[next])
                next += 1
            }
        }
        for block in split where !syndromesAreZero(block, ec) {
            throw Failure(description: "a block's syndromes are not zero")
        }
        let stream = split.enumerated().flatMap { index, block in block.prefix(lengths[index]) }
        var reader = BitReader(bytes: stream)
        guard reader.take(4) == 0b0100 else { throw Failure(description: "not byte mode") }
        let count = reader.take(version < 10 ? 8 : 16)
        let bytes = (0..<count).map { _ in UInt8(reader.take(8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct BitReader {
        let bytes: [Int]
        var position = 0
        mutating func take(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                value = value << 1 | ((bytes[position / 8] >> (7 - position % 8)) & 1)
                position += 1
            }
            return value
        }
    }

    static func masked(_ mask: Int, _ row: Int, _ column: Int) -> Bool {
        let (i, j) = (row, column)
        return switch mask {
        case 0: (i + j) & 1 == 0
        case 1: i & 1 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: ((i >> 1) + j / 3) & 1 == 0
        case 5: (i * j) & 1 + (i * j) % 3 == 0
        case 6: ((i * j) & 1 + (i * j) % 3) & 1 == 0
        default: (((i + j) & 1) + (i * j) % 3) & 1 == 0
        }
    }

    /// Finders with separators and format areas (9×9, 9×8, 8×9), timing, alignment, version
    /// areas and the dark module.
    static func functionModules(size: Int, version: Int) -> [[Bool]] {
        var function = Array(repeating: Array(repeating: false, count: size), count: size)
        func mark(_ rows: Range<Int>, _ columns: Range<Int>) {
            for row in rows { for column in columns { function[row][column] = true } }
        }
        mark(0..<9, 0..<9)
        mark(0..<9, (size - 8)..<size)
        mark((size - 8)..<size, 0..<9)
        mark(6..<7, 0..<size)
        mark(0..<size, 6..<7)
        if version >= 7 {
            mark(0..<6, (size - 11)..<(size - 8))
            mark((size - 11)..<(size - 8), 0..<6)
        }
        if version >= 2 {
            // Evenly spaced from 6 to size − 7 (table E.1), steps even.
            let count = version / 7 + 2
            let last = size - 7
            let step = version == 32 ? 26 : ((last - 6) / (count - 1) + 1) & ~1
            let centres = [6] + (1..<count).map { last - (count - 1 - $0) * step }
            let corners = [(6, 6), (6, last), (last, 6)]
            for row in centres {
                for column in centres where !corners.contains(where: { $0 == (row, column) }) {
                    mark((row - 2)..<(row + 3), (column - 2)..<(column + 3))
                }
            }
        }
        return function
    }

    /// Whether the codeword polynomial vanishes at α⁰ … α^(ec−1), evaluated by Horner's rule.
    static func syndromesAreZero(_ block: [Int], _ ec: Int) -> Bool {
        func multiply(_ a: Int, _ b: Int) -> Int {
            var (a, b, product) = (a, b, 0)
            while b > 0 {
                if b & 1 == 1 { product ^= a }
                a <<= 1
                if a & 0x100 != 0 { a ^= 0x11D }
                b >>= 1
            }
            return product
        }
        var alpha = 1
        for _ in 0..<ec {
            if block.reduce(0, { multiply($0, alpha) ^ $1 }) != 0 { return false }
            alpha = multiply(alpha, 2)
        }
        return true
    }
}
