/// Fare basis codes: the booking class followed by the brand (`VBASIC`, `HSTD`, `YFLEX`, `DBUS`, `JBFLX`), or `AWARD`
/// for award classes (`XAWARD`, `IAWARD`).
public enum FareBasis {
    public static func code(for bookingClass: BookingClass) -> String {
        if FareLadder.isAward(bookingClass.code) { return bookingClass.code + "AWARD" }
        let suffix: String
        switch bookingClass.brand {
        case .basic: suffix = "BASIC"
        case .standard: suffix = "STD"
        case .flex: suffix = "FLEX"
        case .business: suffix = "BUS"
        case .businessFlex: suffix = "BFLX"
        }
        return bookingClass.code + suffix
    }
}
