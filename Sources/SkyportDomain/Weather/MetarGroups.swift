/// The wind group: `27015G25KT`, `VRB03KT`, `00000KT`, with `250V310` when the direction varies.
public struct MetarWind: Sendable, Equatable, Codable {
    /// True degrees; nil when variable (`VRB`).
    public var directionDegrees: Int?
    public var speedKnots: Int
    public var gustKnots: Int?
    /// The range the direction varies over (`250V310`).
    public var variableFromDegrees: Int?
    public var variableToDegrees: Int?

    public var isCalm: Bool { speedKnots == 0 && gustKnots == nil }
}

/// Prevailing visibility, in statute miles (US) or converted from metres (elsewhere).
public struct MetarVisibility: Sendable, Equatable, Codable {
    /// Statute miles.
    public var miles: Double
    /// `M1/4SM`: less than the value.
    public var isLessThan: Bool
    /// `P6SM`, `9999`: more than the value.
    public var isMoreThan: Bool
    /// Metres as reported (`0800`, `9999`), nil for statute miles.
    public var reportedMetres: Int?
}

/// Runway visual range: `R04R/3000VP6000FT`, `R22L/0600U`, `R16/M0050`.
public struct RunwayVisualRange: Sendable, Equatable, Codable {
    public enum Bound: String, Sendable, Codable { case lessThan = "M", moreThan = "P" }
    public var runway: String
    /// Feet (converted from metres when reported in metres).
    public var feet: Int
    public var bound: Bound?
    /// The upper end when the range varies (`3000V6000`).
    public var variableToFeet: Int?
    public var variableToBound: Bound?
    /// `U` up, `D` down, `N` no change.
    public var trend: String?
}

/// A present-weather group: intensity or proximity, descriptor and phenomena (`-SHRA`, `+TSRA`, `FZFG`, `VCSH`).
public struct PresentWeather: Sendable, Equatable, Codable {
    public enum Intensity: String, Sendable, Codable { case light = "-", moderate = "", heavy = "+", vicinity = "VC" }
    public var intensity: Intensity
    /// `MI BC PR DR BL SH TS FZ`, or nil.
    public var descriptor: String?
    /// Two-letter codes: precipitation (`DZ RA SN SG IC PL GR GS UP`), obscuration (`BR FG FU VA DU SA HZ PY`),
    /// other (`PO SQ FC SS DS`).
    public var phenomena: [String]
    /// The group as reported.
    public var code: String

    static let descriptors: Set<String> = ["MI", "BC", "PR", "DR", "BL", "SH", "TS", "FZ"]
    static let phenomenonCodes: Set<String> = [
        "DZ", "RA", "SN", "SG", "IC", "PL", "GR", "GS", "UP",
        "BR", "FG", "FU", "VA", "DU", "SA", "HZ", "PY",
        "PO", "SQ", "FC", "SS", "DS",
    ]

    /// Reads one group, or nil when it is not a weather group.
    init?(_ token: Substring) {
        var rest = token
        if rest.hasPrefix("+") { intensity = .heavy; rest = rest.dropFirst() }
        else if rest.hasPrefix("-") { intensity = .light; rest = rest.dropFirst() }
        else if rest.hasPrefix("VC") { intensity = .vicinity; rest = rest.dropFirst(2) }
        else { intensity = .moderate }
        var descriptor: String?
        if rest.count >= 2, Self.descriptors.contains(String(rest.prefix(2))) {
            descriptor = String(rest.prefix(2))
            rest = rest.dropFirst(2)
        }
        var phenomena: [String] = []
        while rest.count >= 2, Self.phenomenonCodes.contains(String(rest.prefix(2))) {
            phenomena.append(String(rest.prefix(2)))
            rest = rest.dropFirst(2)
        }
        // A descriptor alone is a group only for thunderstorms (`TS`, `VCTS`) and showers in the vicinity (`VCSH`).
        guard rest.isEmpty, !phenomena.isEmpty || descriptor == "TS" || (descriptor == "SH" && intensity == .vicinity) else { return nil }
        self.descriptor = descriptor
        self.phenomena = phenomena
        code = String(token)
    }

    /// Snow, ice pellets, freezing precipitation or hail: what de-icing and runway clearing are about.
    public var isWinterPrecipitation: Bool {
        descriptor == "FZ" || phenomena.contains { ["SN", "SG", "IC", "PL", "GR", "GS"].contains($0) }
    }

    public var isThunderstorm: Bool { descriptor == "TS" }
}

/// A cloud layer (`BKN008`, `OVC250CB`) or vertical visibility into an obscured sky (`VV002`).
public struct CloudLayer: Sendable, Equatable, Codable {
    public enum Cover: String, Sendable, Codable {
        case few = "FEW", scattered = "SCT", broken = "BKN", overcast = "OVC", verticalVisibility = "VV"

        /// Broken, overcast and an obscured sky make a ceiling.
        public var formsCeiling: Bool { self == .broken || self == .overcast || self == .verticalVisibility }
    }

    public var cover: Cover
    /// Height above the ground in feet; nil when not measurable (`BKN///`, `VV///`).
    public var baseFeet: Int?
    /// `CB` (cumulonimbus) or `TCU` (towering cumulus).
    public var convectiveType: String?
}
