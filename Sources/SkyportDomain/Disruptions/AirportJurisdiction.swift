/// Which passenger-rights rules an airport falls under, told from its IANA time zone (the network data
/// has no country): US states and territories for the US DOT rules, EU and EEA states for EU261.
public enum AirportJurisdiction {
    /// Whether the airport is in the United States or one of its territories.
    public static func isUnitedStates(timeZone: String) -> Bool {
        if usZones.contains(timeZone) { return true }
        return ["America/Indiana/", "America/Kentucky/", "America/North_Dakota/"].contains { timeZone.hasPrefix($0) }
    }

    /// Whether the airport is in the EU or the EEA (where EU261 applies to departures).
    public static func isEuropeanUnion(timeZone: String) -> Bool {
        euZones.contains(timeZone)
    }

    static let usZones: Set<String> = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix", "America/Anchorage",
        "America/Adak", "America/Boise", "America/Detroit", "America/Juneau", "America/Nome", "America/Sitka", "America/Yakutat",
        "America/Metlakatla", "America/Menominee", "America/Puerto_Rico", "America/St_Thomas", "America/Virgin", "Pacific/Honolulu",
        "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "America/Indianapolis", "America/Louisville",
    ]

    static let euZones: Set<String> = [
        "Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Bratislava", "Europe/Brussels", "Europe/Bucharest", "Europe/Budapest",
        "Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki", "Europe/Lisbon", "Europe/Ljubljana", "Europe/Luxembourg", "Europe/Madrid",
        "Europe/Malta", "Europe/Paris", "Europe/Prague", "Europe/Riga", "Europe/Rome", "Europe/Sofia", "Europe/Stockholm", "Europe/Tallinn",
        "Europe/Vienna", "Europe/Vilnius", "Europe/Warsaw", "Europe/Zagreb", "Asia/Nicosia", "Atlantic/Azores", "Atlantic/Madeira",
        "Atlantic/Canary", "Europe/Oslo", "Atlantic/Reykjavik", "Europe/Vaduz",
    ]
}
