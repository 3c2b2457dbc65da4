import SkyportDomain

/// Which day a replay plays and how: the part of it, the pace of its steps, how many bookings it makes and
/// how the passengers it made answer their messages.
public struct ReplayPlan: Sendable {
    /// The 2013 day played (local to New York, where the record's departures leave from).
    public var date: LocalDate
    /// The first and last minute of the day played, local time.
    public var startMinutes = 5 * 60
    public var endMinutes = 24 * 60
    /// Replay minutes per step: each step feeds what happened in it, then scores, tells and answers.
    public var stepMinutes = 5
    /// Bookings made on every flight of the day before it starts (1 to 3 passengers each).
    public var bookingsPerFlight = 2
    /// Of the passengers told with alternatives held for them, the share that takes the first one.
    public var acceptShare = 0.6
    /// Of the others who may have their money back, the share that takes it.
    public var refundShare = 0.5
    /// Minutes a passenger takes to answer a message.
    public var answerMinutes = 10
    /// How long before departure a flight cancelled in the record is cancelled in the replay.
    public var cancellationNoticeMinutes = 180

    public init(date: LocalDate) {
        self.date = date
    }

    /// The days the replay's database holds: the week before (the model's seven-day features read it) and the
    /// day after (later flights to move passengers to).
    public var daysStored: ClosedRange<LocalDate> { date.adding(days: -7)...date.adding(days: 1) }

    /// Refuses a plan that cannot be played, with every reason (`invalid_replay_plan`).
    public func validate() throws {
        guard problems.isEmpty else {
            throw ServiceError(.invalid, code: .invalidReplayPlan, message: problems.joined(separator: "; "))
        }
    }

    /// What cannot be played, one line each; empty when the plan is usable.
    public var problems: [String] {
        var problems: [String] = []
        if date.year != 2013 { problems.append("date: a day of 2013 (the record's year)") }
        if !(0..<1440).contains(startMinutes) || !(1...1440).contains(endMinutes) || startMinutes >= endMinutes {
            problems.append("start and end: minutes of the day, the start before the end")
        }
        if !(1...60).contains(stepMinutes) { problems.append("step: 1 to 60 minutes") }
        if !(0...20).contains(bookingsPerFlight) { problems.append("bookings per flight: 0 to 20") }
        if !(0...1).contains(acceptShare) || !(0...1).contains(refundShare) { problems.append("shares: 0 to 1") }
        if answerMinutes < 0 || cancellationNoticeMinutes < 0 { problems.append("minutes: 0 or more") }
        return problems
    }
}
