/// `cdp.segment.entered` and `cdp.segment.exited` (CustomerData): a profile joined or left a segment.
public struct SegmentMembershipChangedEvent: Codable, Sendable, Equatable {
    /// Segment's event name: `Segment Entered` or `Segment Exited`.
    public let event: String
    public let segmentID: String
    public let segmentName: String
    public let profileID: String
    /// Milliseconds since 1970.
    public let at: Int64

    public init(event: String, segmentID: String, segmentName: String, profileID: String, at: Int64) {
        self.event = event
        self.segmentID = segmentID
        self.segmentName = segmentName
        self.profileID = profileID
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case event, segmentID = "segment_id", segmentName = "segment_name", profileID = "profile_id", at
    }
}

extension OutboxTopic where Payload == SegmentMembershipChangedEvent {
    public static var segmentEntered: Self { Self("cdp.segment.entered") }
    public static var segmentExited: Self { Self("cdp.segment.exited") }
}
