extension Array {
    /// Consecutive slices of at most `size` elements (for `IN (...)` lists of bounded length).
    public func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
