/// A column whose header names nothing the import knows ("Vilka registreras?", "Stöd i
/// dataskyddsförordningen") is known by what it holds: when most of its first cells are legal
/// bases, or categories of people or of data the vocabulary knows, or retention wording the
/// phrase reader reads, it is that field's column — for a field no header names.
extension RopaHeader {
    /// Cells of each column looked at, and columns asked: a bound on the phrase reader's work.
    static let sampledCells = 10
    static let sampledColumns = 30

    func knowingContents(_ rows: ArraySlice<RopaGrid.Row>, language: Language) -> RopaHeader {
        let named = Set(columns.values)
        let unnamed = cells.indices.filter { index in
            !named.contains(index) && RopaHeaders.meaning(cells[index]) == nil
        }.prefix(Self.sampledColumns)
        guard !unnamed.isEmpty else { return self }
        let sample = rows.filter { !$0.isBlank }.prefix(Self.sampledCells)
        var columns = self.columns
        let reader = RetentionPhraseReader(language: language)
        let tests: [(RopaField, (String) -> Bool)] = [
            (
                .basis,
                { cell in
                    let read = RopaLegalBasis.read(cell); return !read.bases.isEmpty && read.unknown.isEmpty
                }
            ),
            (.subjects, { Self.names($0, RopaVocabulary.subjects, not: RopaVocabulary.data) }),
            (.data, { Self.names($0, RopaVocabulary.data, not: RopaVocabulary.subjects) }),
            (
                .retention,
                { cell in
                    guard cell.count <= 300, case .rule = reader.read(cell) else { return false }
                    return true
                }
            ),
        ]
        var taken: Set<Int> = []
        for (field, holds) in tests where columns[field] == nil {
            for column in unnamed where !taken.contains(column) {
                let values = sample.compactMap { row -> String? in
                    guard column < row.cells.count else { return nil }
                    let text = row.cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
                    return text.isEmpty || RopaInstruction.guides(text) ? nil : text
                }
                guard values.count >= 2, values.filter(holds).count * 2 > values.count else { continue }
                columns[field] = column
                taken.insert(column)
                break
            }
        }
        return RopaHeader(row: row, height: height, columns: columns, cells: cells)
    }

    /// Whether a cell names something of `vocabulary` and nothing of `other` (a column of
    /// people also lists people the vocabulary lacks: "Elever, vårdnadshavare, anställda").
    static func names(_ cell: String, _ vocabulary: [(String, [String])], not other: [(String, [String])]) -> Bool {
        let items = RopaCells.items(cell, vocabulary: vocabulary)
        let others = RopaCells.items(cell, vocabulary: other)
        return items.contains { $0.id != nil } && !others.contains { $0.id != nil }
    }
}
