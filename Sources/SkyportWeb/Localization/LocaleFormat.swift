import SkyportDomain

/// Prices, dates, times and durations as each language writes them (en-US and ko-KR).
public struct LocaleFormat: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let englishWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let koreanWeekdays = ["월", "화", "수", "목", "금", "토", "일"]

    /// `$1,234.56` in English, `US$1,234.56` in Korean; other currencies lead with their code.
    public func money(_ amount: Money) -> String {
        let decimal = amount.decimalString
        let negative = decimal.hasPrefix("-")
        let unsigned = negative ? String(decimal.dropFirst()) : decimal
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let whole = Self.grouped(String(parts[0]))
        let number = parts.count > 1 ? "\(whole).\(parts[1])" : whole
        let symbol: String
        switch (amount.currency.code, language) {
        case ("USD", .english): symbol = "$"
        case ("USD", .korean): symbol = "US$"
        case ("KRW", _): symbol = "₩"
        default: symbol = amount.currency.code + " "
        }
        return (negative ? "-" : "") + symbol + number
    }

    /// An amount given as the API's decimal string (`"123.40"`); a malformed one shows as zero.
    public func money(decimal: String, currency: CurrencyCode) -> String {
        money(Money(decimalString: decimal, currency: currency) ?? .zero(currency))
    }

    /// `Tue, Dec 8, 2026` / `2026년 12월 8일 (화)`.
    public func longDate(_ date: LocalDate) -> String {
        switch language {
        case .english: return "\(Self.englishWeekdays[date.isoWeekday - 1]), \(Self.englishMonths[date.month - 1]) \(date.day), \(date.year)"
        case .korean: return "\(date.year)년 \(date.month)월 \(date.day)일 (\(Self.koreanWeekdays[date.isoWeekday - 1]))"
        }
    }

    /// `Tue, Dec 8` / `12월 8일 (화)`.
    public func shortDate(_ date: LocalDate) -> String {
        switch language {
        case .english: return "\(Self.englishWeekdays[date.isoWeekday - 1]), \(Self.englishMonths[date.month - 1]) \(date.day)"
        case .korean: return "\(date.month)월 \(date.day)일 (\(Self.koreanWeekdays[date.isoWeekday - 1]))"
        }
    }

    /// `8:05 AM` / `오전 8:05`.
    public func time(hour: Int, minute: Int) -> String {
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        let minutes = minute < 10 ? "0\(minute)" : "\(minute)"
        switch language {
        case .english: return "\(twelve):\(minutes) \(hour < 12 ? "AM" : "PM")"
        case .korean: return "\(hour < 12 ? "오전" : "오후") \(twelve):\(minutes)"
        }
    }

    /// `5h 30m` / `5시간 30분`.
    public func duration(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        switch language {
        case .english: return hours > 0 ? "\(hours)h \(rest)m" : "\(rest)m"
        case .korean: return hours > 0 ? "\(hours)시간 \(rest)분" : "\(rest)분"
        }
    }

    /// A local `YYYY-MM-DDTHH:MM:SS` as a date and a time, or nil when it does not parse.
    public func localDateTime(_ iso: String) -> (date: LocalDate, time: String, hour: Int, minute: Int)? {
        guard iso.count >= 16, let date = LocalDate(iso: String(iso.prefix(10))) else { return nil }
        let clock = iso.dropFirst(11)
        guard let hour = Int(clock.prefix(2)), let minute = Int(clock.dropFirst(3).prefix(2)) else { return nil }
        return (date, time(hour: hour, minute: minute), hour, minute)
    }

    /// A whole number with thousands grouped: `-1,234`.
    public func integer(_ value: Int) -> String {
        (value < 0 ? "-" : "") + Self.grouped(String(value.magnitude))
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
