import Foundation
import Testing
@testable import SkyportDomain
import SkyportTestSupport

@Suite struct MetarParserTests {
    @Test func aBlizzardReportAtJFK() throws {
        let report = try MetarParser.parse(
            "METAR KJFK 082251Z 36029G45KT 1/4SM R04R/1600VP6000FT +SN FZFG VV005 M04/M06 A2964 RMK AO2 PK WND 01048/2214 SLP038 P0012 T10441061")
        #expect(report.kind == .metar)
        #expect(report.station == "KJFK")
        #expect((report.day, report.hour, report.minute) == (8, 22, 51))
        #expect(report.wind == MetarWind(directionDegrees: 360, speedKnots: 29, gustKnots: 45))
        #expect(report.visibility == MetarVisibility(miles: 0.25, isLessThan: false, isMoreThan: false, reportedMetres: nil))
        #expect(report.runwayVisualRanges == [RunwayVisualRange(runway: "04R", feet: 1600, bound: nil, variableToFeet: 6000, variableToBound: .moreThan)])
        #expect(report.weather.map(\.code) == ["+SN", "FZFG"])
        #expect(report.weather[0].intensity == .heavy && report.weather[0].phenomena == ["SN"] && report.weather[0].isWinterPrecipitation)
        #expect(report.weather[1].descriptor == "FZ" && report.weather[1].phenomena == ["FG"])
        #expect(report.clouds == [CloudLayer(cover: .verticalVisibility, baseFeet: 500)])
        #expect(report.ceilingFeet == 500)
        #expect(report.flightCategory == .lifr)  // visibility below 1 SM decides
        // The T group's tenths replace the whole degrees of the body.
        #expect(report.temperatureCelsius == -4.4 && report.dewPointCelsius == -6.1)
        #expect(report.altimeterHectopascals == 1003.7)
        #expect(report.seaLevelPressureHectopascals == 1003.8)
        #expect(report.hourlyPrecipitationInches == 0.12)
        #expect(report.remarks?.hasPrefix("AO2 PK WND") == true)
    }

    @Test func windGroups() throws {
        #expect(try MetarParser.parse("KLGA 081200Z 00000KT 10SM CLR 05/M02 A3012").wind == MetarWind(directionDegrees: 0, speedKnots: 0))
        #expect(try MetarParser.parse("KLGA 081200Z 00000KT 10SM CLR 05/M02 A3012").wind?.isCalm == true)
        let variable = try MetarParser.parse("KLGA 081200Z VRB03KT 10SM CLR 05/M02 A3012")
        #expect(variable.wind?.directionDegrees == nil && variable.wind?.speedKnots == 3)
        let varying = try MetarParser.parse("KEWR 081200Z 28012G22KT 250V310 10SM FEW050 05/M02 A3012")
        #expect(varying.wind == MetarWind(directionDegrees: 280, speedKnots: 12, gustKnots: 22, variableFromDegrees: 250, variableToDegrees: 310))
        #expect(try MetarParser.parse("KEWR 081200Z 270105G130KT 10SM CLR 05/M02 A3012").wind?.gustKnots == 130)
        #expect(try MetarParser.parse("UUEE 081200Z 27005MPS 9999 SCT030 05/M02 Q1012").wind?.speedKnots == 10)
    }

    @Test(arguments: [
        ("10SM", 10.0, false, false), ("1/2SM", 0.5, false, false), ("M1/4SM", 0.25, true, false),
        ("P6SM", 6.0, false, true), ("1 1/2SM", 1.5, false, false), ("2 3/4SM", 2.75, false, false), ("3/16SM", 0.1875, false, false),
    ])
    func visibilityInStatuteMiles(group: String, miles: Double, lessThan: Bool, moreThan: Bool) throws {
        let report = try MetarParser.parse("KJFK 081200Z 27010KT \(group) OVC020 05/M02 A3012")
        #expect(report.visibility == MetarVisibility(miles: miles, isLessThan: lessThan, isMoreThan: moreThan, reportedMetres: nil))
    }

    @Test func visibilityInMetresAndCAVOK() throws {
        let metres = try MetarParser.parse("EGLL 081150Z 24015KT 0800 R27L/0550U FG VV001 08/08 Q1009")
        #expect(metres.visibility?.reportedMetres == 800)
        #expect(abs(metres.visibilityMiles! - 0.497) < 0.001)
        #expect(metres.runwayVisualRanges == [RunwayVisualRange(runway: "27L", feet: 1804, bound: nil, trend: "U")])
        #expect(metres.flightCategory == .lifr)
        let unlimited = try MetarParser.parse("RKSI 081200Z 32008KT 9999 FEW040 02/M08 Q1025 NOSIG")
        #expect(unlimited.visibility?.isMoreThan == true && unlimited.visibilityMiles! > 6.2)
        #expect(unlimited.flightCategory == .vfr)
        let cavok = try MetarParser.parse("RKSI 081200Z 32008KT CAVOK 02/M08 Q1025")
        #expect(cavok.isCAVOK && cavok.visibility == nil && cavok.clouds.isEmpty)
        #expect(cavok.flightCategory == .vfr)
        let directional = try MetarParser.parse("LFPG 081200Z 20005KT 4000 1500SW BR BKN004 06/05 Q1002")
        #expect(directional.visibility?.reportedMetres == 4000)  // prevailing, not the lowest sector
    }

    @Test func cloudsAndVerticalVisibility() throws {
        let layered = try MetarParser.parse("KJFK 081200Z 05015KT 3SM -SN BR FEW008 SCT015 BKN025CB OVC040 M01/M03 A2990")
        #expect(layered.clouds.map(\.cover) == [.few, .scattered, .broken, .overcast])
        #expect(layered.clouds[2].convectiveType == "CB")
        #expect(layered.ceilingFeet == 2500)  // FEW and SCT are not a ceiling
        #expect(layered.flightCategory == .mvfr)
        let obscured = try MetarParser.parse("KJFK 081200Z 05015KT 1/8SM FG VV002 M01/M03 A2990")
        #expect(obscured.ceilingFeet == 200 && obscured.flightCategory == .lifr)
        let unknownHeight = try MetarParser.parse("KJFK 081200Z AUTO 05015KT 1/8SM FG VV/// M01/M03 A2990")
        #expect(unknownHeight.isAutomated && unknownHeight.ceilingFeet == 0)
        let clear = try MetarParser.parse("KJFK 081200Z 05015KT 10SM SKC M01/M03 A2990")
        #expect(clear.isSkyClear && clear.ceilingFeet == nil && clear.flightCategory == .vfr)
        let belowStation = try MetarParser.parse("KJFK 081200Z AUTO 05015KT 10SM BKN/// OVC012 M01/M03 A2990")
        #expect(belowStation.ceilingFeet == 1200)
    }

    @Test func temperaturesBelowZero() throws {
        #expect(try MetarParser.parse("KJFK 081200Z 05015KT 10SM CLR M05/M10 A2990").temperatureCelsius == -5)
        #expect(try MetarParser.parse("KJFK 081200Z 05015KT 10SM CLR M05/M10 A2990").dewPointCelsius == -10)
        let noDewPoint = try MetarParser.parse("KJFK 081200Z 05015KT 10SM CLR 15/ A2990")
        #expect(noDewPoint.temperatureCelsius == 15 && noDewPoint.dewPointCelsius == nil && noDewPoint.relativeHumidityPercent == nil)
        let humid = try MetarParser.parse("KJFK 081200Z 05015KT 10SM CLR 20/20 A2990")
        #expect(humid.relativeHumidityPercent == 100)
    }

    @Test func altimeterInInchesOrHectopascals() throws {
        #expect(try MetarParser.parse("KJFK 081200Z 05015KT 10SM CLR 10/05 A2992").altimeterHectopascals == 1013.2)
        #expect(try MetarParser.parse("EGLL 081200Z 05015KT 9999 NSC 10/05 Q0998").altimeterHectopascals == 998)
    }

    @Test func missingGroupsAreNil() throws {
        let sparse = try MetarParser.parse("SPECI KJFK 081207Z 05015KT")
        #expect(sparse.kind == .special)
        #expect(sparse.visibility == nil && sparse.clouds.isEmpty && sparse.temperatureCelsius == nil && sparse.altimeterHectopascals == nil)
        #expect(sparse.flightCategory == nil)  // neither visibility nor sky: unknown, not VFR
        let noWind = try MetarParser.parse("KJFK 081200Z 10SM OVC008 10/05 A2992=")
        #expect(noWind.wind == nil && noWind.flightCategory == .ifr)
        #expect(try MetarParser.parse("KJFK 081200Z /////KT 10SM OVC008 10/05 A2992").wind == nil)
    }

    @Test(arguments: [
        ("", "empty_report"), ("   ", "empty_report"), ("081251Z 05015KT", "missing_station"), ("METAR", "missing_station"),
        ("KJFK 05015KT 10SM", "invalid_time"), ("KJFK 321251Z 05015KT", "invalid_time"), ("KJFK 082460Z 05015KT", "invalid_time"),
        ("KJFK", "invalid_time"), ("KJFK 081251Z NIL", "nil_report"), ("KJFK 081251Z 05015KT 10SM XYZZY A2992", "invalid_group"),
        ("KJFK 081251Z 05015GKT 10SM CLR A2992", "invalid_group"), ("KJFK 081251Z 05015KT 3/0SM CLR A2992", "invalid_group"),
        ("KJFK 081251Z 05015KT 10SM BKN08 A2992", "invalid_group"), ("KJFK 081251Z 37015KT 10SM CLR A2992", "invalid_group"),
    ])
    func malformedReportsSayWhy(line: String, code: ServiceError.Code) {
        #expect(throws: MetarError.self) { try MetarParser.parse(line) }
        do { _ = try MetarParser.parse(line) } catch { #expect(error.code == code, "\(line): \(error.message)") }
    }

    @Test func trendsAndRecentWeatherAreNotTheObservation() throws {
        let report = try MetarParser.parse("EGLL 081150Z 24015KT 9999 -RA BKN012 08/06 Q1009 RERA WS R27L TEMPO 3000 RA BKN008 RMK X")
        #expect(report.weather.map(\.code) == ["-RA"])
        #expect(report.ceilingFeet == 1200)
        #expect(report.remarks == "X")
        let vicinity = try MetarParser.parse("KJFK 081200Z 05015KT 10SM VCSH VCTS FEW030CB 10/05 A2992")
        #expect(vicinity.weather.map(\.intensity) == [.vicinity, .vicinity])
        #expect(vicinity.weather[1].isThunderstorm)
    }

    @Test func observationTimeIsTheLatestMatchingDay() {
        let report = MetarReport(kind: .metar, station: "KJFK", day: 31, hour: 23, minute: 51, raw: "")
        // Received on 1 March 2013 00:05Z: the report is from 31 January? No: February has no 31st, so January.
        let march1 = Int64(LocalDate(year: 2013, month: 3, day: 1)!.daysSinceEpoch) * 86_400 + 300
        #expect(report.observedAt(receivedAt: march1) == Int64(LocalDate(year: 2013, month: 1, day: 31)!.daysSinceEpoch) * 86_400 + 23 * 3600 + 51 * 60)
        let early = MetarReport(kind: .metar, station: "KJFK", day: 1, hour: 0, minute: 51, raw: "")
        // A report a few minutes ahead of the receiver's clock is this month's, not last month's.
        let feb28 = Int64(LocalDate(year: 2013, month: 2, day: 28)!.daysSinceEpoch) * 86_400 + 23 * 3600 + 58 * 60
        #expect(early.observedAt(receivedAt: feb28) == Int64(LocalDate(year: 2013, month: 3, day: 1)!.daysSinceEpoch) * 86_400 + 51 * 60)
    }

    @Test func aReportDatedTomorrowIsLastMonths() {
        // KITH 040556Z received on 3 December at 10:08Z is from 4 November, not from the next morning.
        let report = MetarReport(kind: .metar, station: "KITH", day: 4, hour: 5, minute: 56, raw: "")
        let received = Int64(LocalDate(year: 2026, month: 12, day: 3)!.daysSinceEpoch) * 86_400 + 10 * 3600 + 8 * 60
        #expect(report.observedAt(receivedAt: received) == Int64(LocalDate(year: 2026, month: 11, day: 4)!.daysSinceEpoch) * 86_400 + 5 * 3600 + 56 * 60)
        // Earlier the same day is today's.
        let today = MetarReport(kind: .metar, station: "KITH", day: 3, hour: 9, minute: 56, raw: "")
        #expect(today.observedAt(receivedAt: received) == Int64(LocalDate(year: 2026, month: 12, day: 3)!.daysSinceEpoch) * 86_400 + 9 * 3600 + 56 * 60)
        // Later the same day, beyond the allowance for a fast clock, is a month ago.
        let laterToday = MetarReport(kind: .metar, station: "KITH", day: 3, hour: 11, minute: 30, raw: "")
        #expect(laterToday.observedAt(receivedAt: received) == Int64(LocalDate(year: 2026, month: 11, day: 3)!.daysSinceEpoch) * 86_400 + 11 * 3600 + 30 * 60)
    }
}

@Suite struct FlightCategoryTests {
    @Test(arguments: [
        (nil, 10.0, FlightCategory.vfr), (3100, 10.0, .vfr), (3000, 10.0, .mvfr), (1000, 10.0, .mvfr), (999, 10.0, .ifr),
        (500, 10.0, .ifr), (499, 10.0, .lifr), (0, 10.0, .lifr),
        (nil, 5.01, .vfr), (nil, 5.0, .mvfr), (nil, 3.0, .mvfr), (nil, 2.99, .ifr), (nil, 1.0, .ifr), (nil, 0.99, .lifr), (nil, 0.25, .lifr),
        (3500, 4.0, .mvfr), (800, 6.0, .ifr), (2000, 0.5, .lifr),
    ] as [(Int?, Double, FlightCategory)])
    func boundaries(ceiling: Int?, visibility: Double, expected: FlightCategory) {
        #expect(FlightCategory(ceilingFeet: ceiling, visibilityMiles: visibility) == expected)
    }

    @Test func worseIsGreater() {
        #expect(FlightCategory.vfr < .mvfr && FlightCategory.mvfr < .ifr && FlightCategory.ifr < .lifr)
        #expect(FlightCategory(ceilingFeet: nil, visibilityMiles: nil, skyReported: false) == nil)
    }
}
