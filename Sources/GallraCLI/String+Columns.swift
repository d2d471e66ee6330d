extension String {
    /// The text filled with spaces to `width` characters, for columns of plain text (never cut).
    func padded(to width: Int) -> String {
        let length = count
        return length >= width ? self : self + String(repeating: " ", count: width - length)
    }
}
