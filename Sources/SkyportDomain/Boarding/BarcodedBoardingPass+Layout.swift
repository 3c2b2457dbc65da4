/// The items of a boarding pass string in order, with their widths: the one description both the writer and the reader
/// follow.
enum BoardingPassLayout {
    /// The unique mandatory part: format code, number of legs, name, electronic ticket indicator.
    static let formatCode = 1, legCount = 1, passengerName = 20, electronicTicket = 1
    /// Each leg's mandatory part, 37 characters with the size of its variable part.
    static let legItems: [(name: String, width: Int)] = [
        ("operating carrier PNR code", 7), ("from city airport code", 3), ("to city airport code", 3), ("operating carrier designator", 3),
        ("flight number", 5), ("date of flight", 3), ("compartment code", 1), ("seat number", 4), ("check-in sequence number", 5),
        ("passenger status", 1),
    ]
    /// The unique conditional items, in the first leg's variable part after `>` and the version.
    static let uniqueConditional: [(name: String, width: Int)] = [
        ("passenger description", 1), ("source of check-in", 1), ("source of boarding pass issuance", 1), ("date of issue of boarding pass", 4),
        ("document type", 1), ("airline designator of boarding pass issuer", 3), ("baggage tag licence plate number", 13),
        ("first non-consecutive baggage tag licence plate number", 13), ("second non-consecutive baggage tag licence plate number", 13),
    ]
    /// Each leg's repeated conditional items.
    static let repeatedConditional: [(name: String, width: Int)] = [
        ("airline numeric code", 3), ("document form/serial number", 10), ("selectee indicator", 1), ("international documentation verification", 1),
        ("marketing carrier designator", 3), ("frequent flyer airline designator", 3), ("frequent flyer number", 16), ("ID/AD indicator", 1),
        ("free baggage allowance", 3), ("fast track", 1),
    ]
    static let versionIndicator: Character = ">", securityIndicator: Character = "^"
    static let maximumLegs = 9
}
