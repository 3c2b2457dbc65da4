/// The US flight category of an observation (FAA): the worse of what the ceiling and the visibility give.
///
/// | category | ceiling | visibility |
/// |---|---|---|
/// | LIFR | below 500 ft | below 1 SM |
/// | IFR | 500 to below 1,000 ft | 1 to below 3 SM |
/// | MVFR | 1,000 to 3,000 ft | 3 to 5 SM |
/// | VFR | above 3,000 ft | above 5 SM |
public enum FlightCategory: String, Sendable, Codable, CaseIterable, Comparable {
    case vfr = "VFR"
    case mvfr = "MVFR"
    case ifr = "IFR"
    case lifr = "LIFR"

    /// The category of a ceiling (nil: none) and a prevailing visibility in statute miles (nil: not reported).
    /// Nil when neither is known: a report without visibility and sky says nothing about the category.
    public init?(ceilingFeet: Int?, visibilityMiles: Double?, skyReported: Bool = true) {
        guard visibilityMiles != nil || skyReported else { return nil }
        self = max(Self.byCeiling(ceilingFeet), Self.byVisibility(visibilityMiles))
    }

    static func byCeiling(_ feet: Int?) -> FlightCategory {
        guard let feet else { return .vfr }
        switch feet {
        case ..<500: return .lifr
        case ..<1000: return .ifr
        case ...3000: return .mvfr
        default: return .vfr
        }
    }

    static func byVisibility(_ miles: Double?) -> FlightCategory {
        guard let miles else { return .vfr }
        switch miles {
        case ..<1: return .lifr
        case ..<3: return .ifr
        case ...5: return .mvfr
        default: return .vfr
        }
    }

    /// Worse is greater: VFR < MVFR < IFR < LIFR.
    public static func < (lhs: FlightCategory, rhs: FlightCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
