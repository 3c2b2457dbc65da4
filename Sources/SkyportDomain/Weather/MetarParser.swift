/// Why a report could not be read: a stable code and the group at fault.
public struct MetarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `.emptyReport`, `.missingStation`, `.invalidTime`, `.nilReport` or `.invalidGroup`.
    public let code: ServiceError.Code
    public let message: String

    public var description: String { message }
}

/// Reads METAR and SPECI reports as weather services publish them, one report per line
/// (WMO No. 306 FM 15/16 with the US conventions of FAA Order JO 7900.5).
///
/// Groups before `RMK` must be known: an unknown one makes the report malformed, because a misread
/// visibility or ceiling would give a wrong flight category. Trend forecasts (`NOSIG`, `BECMG`, `TEMPO`)
/// end the observation; in the remarks only `SLP`, the hourly precipitation `P` and the precise
/// temperatures `T` are read.
public enum MetarParser {
    public static func parse(_ line: String) throws(MetarError) -> MetarReport {
        var tokens = line[...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        if let last = tokens.last, last.hasSuffix("=") {
            tokens[tokens.count - 1] = last.dropLast()
            if tokens[tokens.count - 1].isEmpty { tokens.removeLast() }
        }
        guard !tokens.isEmpty else { throw MetarError(code: .emptyReport, message: "The line is empty.") }
        var index = 0
        var kind = MetarReport.Kind.metar
        if let declared = MetarReport.Kind(rawValue: String(tokens[0])) {
            kind = declared
            index += 1
        }
        guard index < tokens.count, isStation(tokens[index]) else {
            throw MetarError(code: .missingStation, message: "A report starts with a four-character ICAO station such as KJFK\(index < tokens.count ? ", not \"\(tokens[index])\"" : "").")
        }
        let station = String(tokens[index])
        index += 1
        guard index < tokens.count, let time = observationTime(tokens[index]) else {
            throw MetarError(code: .invalidTime, message: "The station is followed by the day and time as DDHHMMZ (such as 081751Z)\(index < tokens.count ? ", not \"\(tokens[index])\"" : "").")
        }
        index += 1
        var report = MetarReport(kind: kind, station: station, day: time.day, hour: time.hour, minute: time.minute,
                                 raw: tokens.joined(separator: " "))
        var groups = tokens[index...][...]
        try readBody(&groups, into: &report)
        if let marker = groups.first, marker == "RMK" {
            let remarks = groups.dropFirst()
            report.remarks = remarks.joined(separator: " ")
            readRemarks(remarks, into: &report)
        }
        return report
    }

    static func readBody(_ groups: inout ArraySlice<Substring>, into report: inout MetarReport) throws(MetarError) {
        while let group = groups.first {
            if group == "RMK" { return }
            if ["NOSIG", "BECMG", "TEMPO"].contains(group) {
                // A trend forecast, not the observation: skip it up to the remarks.
                groups = groups.drop { $0 != "RMK" }
                return
            }
            groups = groups.dropFirst()
            switch group {
            case "NIL": throw MetarError(code: .nilReport, message: "The report is NIL: the station sent no observation.")
            case "AUTO": report.isAutomated = true; continue
            case "COR": report.isCorrection = true; continue
            case "CAVOK": report.isCAVOK = true; continue
            case "CLR", "SKC", "NSC", "NCD": report.isSkyClear = true; continue
            case "NSW", "//", "///", "////", "/////", "//////", "$": continue  // nothing to record, or not observed
            default: break
            }
            if let wind = wind(group) {
                report.wind = wind
            } else if let range = windRange(group), report.wind != nil {
                report.wind?.variableFromDegrees = range.from
                report.wind?.variableToDegrees = range.to
            } else if let whole = Int(group), group.count == 1, let next = groups.first, var fraction = visibility(next), !fraction.isLessThan, fraction.miles < 1 {
                // `1 1/2SM`: whole miles, then the fraction.
                fraction.miles += Double(whole)
                report.visibility = fraction
                groups = groups.dropFirst()
            } else if let visibility = visibility(group) {
                // A second metric group is the lowest visibility in one direction (`2000SW`); the first is prevailing.
                if report.visibility == nil { report.visibility = visibility }
            } else if let range = runwayVisualRange(group) {
                report.runwayVisualRanges.append(range)
            } else if let layer = cloudLayer(group) {
                report.clouds.append(layer)
            } else if let pair = temperatures(group) {
                report.temperatureCelsius = pair.temperature
                report.dewPointCelsius = pair.dewPoint
            } else if let altimeter = altimeter(group) {
                report.altimeterHectopascals = altimeter
            } else if let weather = PresentWeather(group) {
                report.weather.append(weather)
            } else if group.hasPrefix("RE") {
                continue  // recent weather: not used here
            } else if group == "WS" {
                // Wind shear on a runway (`WS R27L`, `WS ALL RWY`): not used here.
                while let next = groups.first, next.hasPrefix("R") || next == "ALL" { groups = groups.dropFirst() }
            } else if group.hasSuffix("KT"), group.dropLast(2).allSatisfy({ $0 == "/" || $0 == "G" }) {
                continue  // wind not measured
            } else {
                throw MetarError(code: .invalidGroup, message: "\"\(group)\" is not a METAR group this reader knows.")
            }
        }
    }

    static func readRemarks(_ remarks: ArraySlice<Substring>, into report: inout MetarReport) {
        for group in remarks {
            if group.count == 6, group.hasPrefix("SLP"), let tenths = Int(group.dropFirst(3)) {
                // Tenths of a hectopascal without the leading 9 or 10: 132 is 1013.2, 982 is 998.2.
                report.seaLevelPressureHectopascals = Double(tenths) / 10 + (tenths < 500 ? 1000 : 900)
            } else if group.count == 5, group.hasPrefix("P"), let hundredths = Int(group.dropFirst()), allDigits(group.dropFirst()) {
                report.hourlyPrecipitationInches = Double(hundredths) / 100
            } else if group.count == 9, group.hasPrefix("T"), allDigits(group.dropFirst()) {
                func tenths(_ part: Substring) -> Double? {
                    guard let sign = part.first, let value = Int(part.dropFirst()) else { return nil }
                    return Double(value) / 10 * (sign == "1" ? -1 : 1)
                }
                let digits = group.dropFirst()
                report.temperatureCelsius = tenths(digits.prefix(4)) ?? report.temperatureCelsius
                report.dewPointCelsius = tenths(digits.suffix(4)) ?? report.dewPointCelsius
            }
        }
    }

    // MARK: - Groups

    static func isStation(_ token: Substring) -> Bool {
        token.count == 4 && token.first!.isLetter && token.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    static func observationTime(_ token: Substring) -> (day: Int, hour: Int, minute: Int)? {
        guard token.count == 7, token.hasSuffix("Z"), allDigits(token.dropLast()) else { return nil }
        let digits = Array(token.dropLast()).map { Int(String($0))! }
        let day = digits[0] * 10 + digits[1], hour = digits[2] * 10 + digits[3], minute = digits[4] * 10 + digits[5]
        guard (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (day, hour, minute)
    }

    /// `27015G25KT`, `VRB03KT`, `00000KT`, `03005MPS`, `270120KT`.
    static func wind(_ token: Substring) -> MetarWind? {
        let factor: Double
        var body = token
        if token.hasSuffix("KT") { factor = 1; body = token.dropLast(2) }
        else if token.hasSuffix("MPS") { factor = 1.943844; body = token.dropLast(3) }
        else if token.hasSuffix("KMH") { factor = 0.539957; body = token.dropLast(3) }
        else { return nil }
        guard body.count >= 5 else { return nil }
        let directionPart = body.prefix(3)
        let direction: Int?
        if directionPart == "VRB" { direction = nil }
        else if allDigits(directionPart), let degrees = Int(directionPart), degrees <= 360, degrees % 10 == 0 { direction = degrees }
        else { return nil }
        var rest = body.dropFirst(3)
        let speedPart = rest.prefix { $0 != "G" }
        guard (2...3).contains(speedPart.count), allDigits(speedPart), let speed = Int(speedPart) else { return nil }
        rest = rest.dropFirst(speedPart.count)
        var gust: Int?
        if !rest.isEmpty {
            let gustPart = rest.dropFirst()
            guard rest.first == "G", (2...3).contains(gustPart.count), allDigits(gustPart), let value = Int(gustPart) else { return nil }
            gust = Int((Double(value) * factor).rounded())
        }
        return MetarWind(directionDegrees: direction, speedKnots: Int((Double(speed) * factor).rounded()), gustKnots: gust)
    }

    /// `250V310`.
    static func windRange(_ token: Substring) -> (from: Int, to: Int)? {
        guard token.count == 7, Array(token)[3] == "V", allDigits(token.prefix(3)), allDigits(token.suffix(3)),
              let from = Int(token.prefix(3)), let to = Int(token.suffix(3)), from <= 360, to <= 360 else { return nil }
        return (from, to)
    }

    /// `10SM`, `1/2SM`, `M1/4SM`, `P6SM`, `9999`, `0800`, `4000NDV`, `2000SW`.
    static func visibility(_ token: Substring) -> MetarVisibility? {
        if token.hasSuffix("SM") {
            var body = token.dropLast(2)
            var less = false, more = false
            if body.hasPrefix("M") { less = true; body = body.dropFirst() }
            else if body.hasPrefix("P") { more = true; body = body.dropFirst() }
            let miles: Double
            if let slash = body.firstIndex(of: "/") {
                let numerator = body[..<slash], denominator = body[body.index(after: slash)...]
                guard allDigits(numerator), allDigits(denominator), let n = Int(numerator), let d = Int(denominator), d > 0, n < d else { return nil }
                miles = Double(n) / Double(d)
            } else {
                guard allDigits(body), let whole = Int(body) else { return nil }
                miles = Double(whole)
            }
            return MetarVisibility(miles: miles, isLessThan: less, isMoreThan: more, reportedMetres: nil)
        }
        let suffixes = ["NDV", "N", "NE", "E", "SE", "S", "SW", "W", "NW", ""]
        for suffix in suffixes where token.hasSuffix(suffix) && token.count == 4 + suffix.count {
            let digits = token.prefix(4)
            guard allDigits(digits), let metres = Int(digits) else { return nil }
            return MetarVisibility(miles: Double(metres) / MetarReport.metresPerMile + (metres == 9999 ? 1 / MetarReport.metresPerMile : 0),
                                   isLessThan: false, isMoreThan: metres == 9999, reportedMetres: metres)
        }
        return nil
    }

    /// `R04R/3000VP6000FT`, `R22L/0600U`, `R16/M0050` (metres without `FT`).
    static func runwayVisualRange(_ token: Substring) -> RunwayVisualRange? {
        guard token.hasPrefix("R"), let slash = token.firstIndex(of: "/") else { return nil }
        let runway = token[token.index(after: token.startIndex)..<slash]
        guard (2...3).contains(runway.count), allDigits(runway.prefix(2)), runway.count == 2 || "LCR".contains(runway.last!) else { return nil }
        var rest = token[token.index(after: slash)...]
        var trend: String?
        if let last = rest.last, "UDN".contains(last), rest.count > 4 {
            trend = String(last)
            rest = rest.dropLast()
            if rest.hasSuffix("/") { rest = rest.dropLast() }
        }
        let inFeet = rest.hasSuffix("FT")
        if inFeet { rest = rest.dropLast(2) }
        func value(_ part: Substring) -> (feet: Int, bound: RunwayVisualRange.Bound?)? {
            var part = part
            var bound: RunwayVisualRange.Bound?
            if let first = part.first, let parsed = RunwayVisualRange.Bound(rawValue: String(first)) { bound = parsed; part = part.dropFirst() }
            guard part.count == 4, allDigits(part), let number = Int(part) else { return nil }
            return (inFeet ? number : Int((Double(number) * 3.28084).rounded()), bound)
        }
        let parts = rest.split(separator: "V", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let low = value(parts[0]) else { return nil }
        var range = RunwayVisualRange(runway: String(runway), feet: low.feet, bound: low.bound, trend: trend)
        if parts.count == 2 {
            guard let high = value(parts[1]) else { return nil }
            range.variableToFeet = high.feet
            range.variableToBound = high.bound
        }
        return range
    }

    /// `FEW015`, `BKN008`, `OVC250CB`, `SCT030TCU`, `BKN///`, `VV002`, `VV///`.
    static func cloudLayer(_ token: Substring) -> CloudLayer? {
        let cover: CloudLayer.Cover
        var rest: Substring
        if token.hasPrefix("VV") { cover = .verticalVisibility; rest = token.dropFirst(2) }
        else if let parsed = CloudLayer.Cover(rawValue: String(token.prefix(3))), parsed != .verticalVisibility { cover = parsed; rest = token.dropFirst(3) }
        else { return nil }
        let heightPart = rest.prefix(3)
        guard heightPart.count == 3 else { return nil }
        var base: Int?
        if heightPart != "///" {
            guard allDigits(heightPart), let hundreds = Int(heightPart) else { return nil }
            base = hundreds * 100
        }
        rest = rest.dropFirst(3)
        var type: String?
        switch rest {
        case "": break
        case "CB", "TCU": type = String(rest)
        case "///": break
        default: return nil
        }
        guard cover != .verticalVisibility || type == nil else { return nil }
        return CloudLayer(cover: cover, baseFeet: base, convectiveType: type)
    }

    /// `12/08`, `M05/M10`, `02/M01`, `15/` (no dew point), `M00/M02`.
    static func temperatures(_ token: Substring) -> (temperature: Double?, dewPoint: Double?)? {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        func celsius(_ part: Substring) -> Double?? {
            if part.isEmpty || part == "//" || part == "XX" { return .some(nil) }
            let negative = part.hasPrefix("M")
            let digits = negative ? part.dropFirst() : part
            guard digits.count == 2, allDigits(digits), let value = Int(digits) else { return nil }
            return .some(Double(negative ? -value : value))
        }
        guard let temperature = celsius(parts[0]), let dewPoint = celsius(parts[1]) else { return nil }
        return (temperature, dewPoint)
    }

    /// `A2992` (hundredths of an inch of mercury) or `Q1013` (hectopascals), as hectopascals.
    static func altimeter(_ token: Substring) -> Double? {
        guard token.count == 5, let prefix = token.first, allDigits(token.dropFirst()), let value = Int(token.dropFirst()) else { return nil }
        switch prefix {
        case "A": return (Double(value) / 100 * MetarReport.hectopascalsPerInchOfMercury * 10).rounded() / 10
        case "Q": return Double(value)
        default: return nil
        }
    }

    static func allDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
