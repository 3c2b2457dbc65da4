/// Where one alert (a rule and one set of labels) stands, with Prometheus's semantics: a breach makes it
/// pending; still breached after the rule's `for`, it fires; once the breach ends a firing alert resolves
/// and a pending one goes back to inactive without a word.
public struct AlertState: Sendable, Equatable, Codable {
    public enum Phase: String, Sendable, Codable {
        case inactive
        case pending
        case firing
    }

    /// What a step changed, for the history and for operators' webhooks.
    public enum Transition: String, Sendable, Equatable {
        case pending
        case firing
        case resolved
        /// Pending, then not breached before it fired.
        case cleared
    }

    public private(set) var phase: Phase
    /// When the current breach began (nil while inactive).
    public private(set) var activeSince: Int64?
    /// When it started firing (nil unless firing).
    public private(set) var firingSince: Int64?
    /// The latest value seen (nil when the signal had none).
    public private(set) var value: Double?

    public init(phase: Phase = .inactive, activeSince: Int64? = nil, firingSince: Int64? = nil, value: Double? = nil) {
        self.phase = phase
        self.activeSince = activeSince
        self.firingSince = firingSince
        self.value = value
    }

    /// Moves the state on by one evaluation at `now`; `value` nil means the signal had no data (not a breach).
    public mutating func evaluate(value: Double?, rule: AlertRule, now: Int64) -> Transition? {
        self.value = value
        let breached = value.map(rule.isBreached(by:)) ?? false
        switch (phase, breached) {
        case (.inactive, true):
            activeSince = now
            if rule.for.seconds == 0 {
                phase = .firing
                firingSince = now
                return .firing
            }
            phase = .pending
            return .pending
        case (.pending, true):
            guard let activeSince, now - activeSince >= Int64(rule.for.seconds) else { return nil }
            phase = .firing
            firingSince = now
            return .firing
        case (.pending, false):
            self = AlertState(value: value)
            return .cleared
        case (.firing, false):
            self = AlertState(value: value)
            return .resolved
        case (.firing, true), (.inactive, false):
            return nil
        }
    }
}
