import Operations

/// What the site shows and does about disruptions: the options on a booking, one-click rebooking and
/// refunds, and the messages of a booking or a customer (with live updates while a page is open).
public struct SiteOperations: Sendable {
    let rebooking: RebookingDesk
    let messages: PassengerMessages
    /// Flight status for the public page.
    let flightStatus: FlightStatusService
    /// How often an open page's message stream looks for new messages, in seconds.
    let streamPollSeconds: Double

    public init(rebooking: RebookingDesk, messages: PassengerMessages, flightStatus: FlightStatusService, streamPollSeconds: Double = 2) {
        self.rebooking = rebooking
        self.messages = messages
        self.flightStatus = flightStatus
        self.streamPollSeconds = streamPollSeconds
    }
}
