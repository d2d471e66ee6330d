extension Array {
    /// The array in slices of at most `size` elements: rows for one statement each, within a
    /// database's limit on bound values.
    package func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
