/// An aircraft's seats, row by row, derived from the registry's seat count: cabins as the inventory splits them
/// (`CabinLayout`), seats abreast by the aircraft's size, exit rows, and the zones seat selection prices.
///
/// The registry gives a seat count, not a cabin plan, so the plan is the usual one for that size: regional jets 2-2,
/// single-aisle jets 3-3 (business 2-2), twin-aisle jets 3-3-3 or 3-4-3 (business 2-2-2). Every cabin holds exactly
/// the seats the inventory sells; a last row that is not full keeps its window and aisle seats.
public struct SeatMapLayout: Sendable, Equatable {
    public struct Seat: Sendable, Equatable, Hashable {
        public let row: Int
        public let letter: String
        public let cabin: Cabin
        public let zone: SeatZone
        public let position: SeatPosition
        public let exitRow: Bool

        /// `23C`.
        public var number: String { "\(row)\(letter)" }
    }

    /// One cabin's block of rows and how its seats stand across a row (`[3, 3]`: two groups of three, one aisle).
    public struct Section: Sendable, Equatable {
        public let cabin: Cabin
        public let groups: [Int]
        public let letters: [String]
        public let firstRow: Int
        public let lastRow: Int
        public let exitRows: [Int]
    }

    public let sections: [Section]
    public let seats: [Seat]

    /// How many economy rows behind the bulkhead row are the front zone.
    public static let frontZoneRows = 4

    /// The layout of an aircraft of `total` seats (at least one).
    public static func forAircraft(seats total: Int) -> SeatMapLayout {
        let cabins = CabinLayout.seats(forAircraftSeats: max(1, total))
        var sections: [Section] = [], seats: [Seat] = []
        var nextRow = 1
        for cabin in [Cabin.business, .economy] {
            guard let count = cabins[cabin], count > 0 else { continue }
            let groups = groups(cabin: cabin, aircraftSeats: total)
            let letters = letters(for: groups), abreast = letters.count
            let rows = (count + abreast - 1) / abreast
            let firstRow = nextRow, lastRow = nextRow + rows - 1
            let exits = cabin == .economy ? exitRows(rows: rows, twinAisle: groups.count == 3).map { firstRow + $0 } : []
            sections.append(Section(cabin: cabin, groups: groups, letters: letters, firstRow: firstRow, lastRow: lastRow, exitRows: exits))
            let positions = positions(for: groups)
            let shortfall = rows * abreast - count
            for row in firstRow...lastRow {
                let exit = exits.contains(row)
                let zone: SeatZone = cabin == .business ? .standard
                    : row == firstRow || exit ? .extraLegroom
                    : row <= firstRow + frontZoneRows ? .front : .standard
                // The last row drops its middle seats first, then aisle seats, from the right.
                let dropped = row == lastRow ? Set(droppedIndexes(positions: positions, count: shortfall)) : []
                for index in letters.indices where !dropped.contains(index) {
                    seats.append(Seat(row: row, letter: letters[index], cabin: cabin, zone: zone, position: positions[index], exitRow: exit))
                }
            }
            nextRow = lastRow + 1
        }
        return SeatMapLayout(sections: sections, seats: seats)
    }

    /// Seats per group across a row, by cabin and the aircraft's size.
    static func groups(cabin: Cabin, aircraftSeats total: Int) -> [Int] {
        switch (cabin, total) {
        case (.economy, ..<100): [2, 2]
        case (.economy, ...230): [3, 3]
        case (.economy, ...330): [3, 3, 3]
        case (.economy, _): [3, 4, 3]
        case (.business, ...230): [2, 2]
        case (.business, _): [2, 2, 2]
        }
    }

    /// The letters across a row, as airlines name them (no I; a 2-2 cabin is A C D F).
    static func letters(for groups: [Int]) -> [String] {
        switch groups {
        case [2, 2]: ["A", "C", "D", "F"]
        case [3, 3]: ["A", "B", "C", "D", "E", "F"]
        case [2, 2, 2]: ["A", "C", "D", "G", "H", "K"]
        case [3, 3, 3]: ["A", "B", "C", "D", "E", "F", "G", "H", "K"]
        default: Array(["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"].prefix(groups.reduce(0, +)))
        }
    }

    static func positions(for groups: [Int]) -> [SeatPosition] {
        var positions: [SeatPosition] = []
        for (group, size) in groups.enumerated() {
            for seat in 0..<size {
                let outer = (group == 0 && seat == 0) || (group == groups.count - 1 && seat == size - 1)
                let aisle = (seat == 0 && group > 0) || (seat == size - 1 && group < groups.count - 1)
                positions.append(outer ? .window : aisle ? .aisle : .middle)
            }
        }
        return positions
    }

    /// Exit rows within a cabin of `rows` rows (0-based): over the wing on a single-aisle jet (two rows when it is
    /// long), a third and two thirds of the way back on a twin-aisle jet; none in a short cabin.
    static func exitRows(rows: Int, twinAisle: Bool) -> [Int] {
        if twinAisle { return rows >= 12 ? [rows / 3, 2 * rows / 3] : [] }
        if rows >= 20 { return [rows * 2 / 5, rows * 2 / 5 + 1] }
        return rows >= 10 ? [rows * 9 / 20] : []
    }

    static func droppedIndexes(positions: [SeatPosition], count: Int) -> [Int] {
        let order = positions.indices.reversed().filter { positions[$0] == .middle } + positions.indices.reversed().filter { positions[$0] == .aisle }
            + positions.indices.reversed().filter { positions[$0] == .window }
        return Array(order.prefix(count))
    }
}
