import SkyportDomain
import Testing

@Suite struct SeatMapLayoutTests {
    /// Every size the 2013 registry has a cabin plan for sells exactly the seats the inventory counts.
    @Test(arguments: [20, 50, 55, 76, 99, 100, 149, 150, 178, 200, 230, 231, 260, 330, 331, 375, 450])
    func everyCabinHoldsExactlyTheSeatsTheInventorySells(total: Int) {
        let layout = SeatMapLayout.forAircraft(seats: total)
        let expected = CabinLayout.seats(forAircraftSeats: total)
        for cabin in Cabin.allCases {
            #expect(layout.seats.filter { $0.cabin == cabin }.count == expected[cabin] ?? 0, "\(total) seats, \(cabin)")
        }
        #expect(Set(layout.seats.map(\.number)).count == layout.seats.count, "no seat number twice")
        // Rows follow on from business to economy without a gap.
        let rows = layout.seats.map(\.row)
        #expect(Set(rows) == Set(1...rows.max()!))
    }

    @Test func seatsAbreastFollowTheAircraftsSize() {
        #expect(SeatMapLayout.forAircraft(seats: 76).sections.map(\.letters) == [["A", "C", "D", "F"]])
        let narrow = SeatMapLayout.forAircraft(seats: 178)
        #expect(narrow.sections.map(\.cabin) == [.business, .economy])
        #expect(narrow.sections.map(\.letters) == [["A", "C", "D", "F"], ["A", "B", "C", "D", "E", "F"]])
        #expect(SeatMapLayout.forAircraft(seats: 300).sections.map(\.groups) == [[2, 2, 2], [3, 3, 3]])
        #expect(SeatMapLayout.forAircraft(seats: 400).sections.last?.letters == ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"])
    }

    @Test func windowsAislesAndMiddlesSitWhereTheyDo() {
        let row = SeatMapLayout.forAircraft(seats: 178).seats.filter { $0.row == 20 }
        #expect(row.map(\.position) == [.window, .middle, .aisle, .aisle, .middle, .window])
        let wide = SeatMapLayout.forAircraft(seats: 400).seats.filter { $0.row == 30 }
        #expect(wide.map(\.position) == [.window, .middle, .aisle, .aisle, .middle, .middle, .aisle, .aisle, .middle, .window])
    }

    /// 178 seats: 14 in business (four rows of 2-2, the last with two), 164 in economy (28 rows of six, the last
    /// with two: its window seats).
    @Test func zonesAndExitRowsOfASingleAisleJet() {
        let layout = SeatMapLayout.forAircraft(seats: 178)
        let economy = layout.sections[1]
        #expect(layout.sections[0].firstRow == 1 && layout.sections[0].lastRow == 4 && economy.firstRow == 5 && economy.lastRow == 32)
        #expect(layout.seats.filter { $0.row == 4 }.map(\.letter) == ["A", "F"])
        #expect(layout.seats.filter { $0.row == 32 }.map(\.letter) == ["A", "F"])
        #expect(economy.exitRows == [16, 17])
        func zone(_ row: Int) -> SeatZone? { layout.seats.first { $0.row == row }?.zone }
        #expect(zone(1) == .standard, "business seats are in the fare")
        #expect(zone(5) == .extraLegroom && zone(16) == .extraLegroom && zone(17) == .extraLegroom)
        #expect((6...9).allSatisfy { zone($0) == .front } && zone(10) == .standard && zone(32) == .standard)
        #expect(layout.seats.filter(\.exitRow).allSatisfy { $0.cabin == .economy && $0.zone == .extraLegroom })
    }

    @Test func aTwinAisleJetHasTwoExitRowsAndARegionalJetNoBusinessCabin() {
        let wide = SeatMapLayout.forAircraft(seats: 300)
        #expect(wide.sections[1].exitRows.count == 2)
        let regional = SeatMapLayout.forAircraft(seats: 50)
        #expect(regional.sections.map(\.cabin) == [.economy] && regional.seats.allSatisfy { $0.cabin == .economy })
        #expect(regional.sections[0].exitRows == [regional.sections[0].firstRow + 5])
    }
}
