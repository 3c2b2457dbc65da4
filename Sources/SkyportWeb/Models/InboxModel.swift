import Operations
import SkyportDomain

/// The messages section of a page (a booking's, or My trips'): the messages so far and where the page
/// listens for new ones.
struct InboxModel {
    struct Row {
        let id: String
        let subject: String
        let body: String
        let date: String
    }

    let messages: [Row]
    let streamURL: String
    /// Shown when there is no message yet.
    let emptyText: String
    /// Shown once a new message arrives, when the page holds more than the message says (a booking's options).
    let reloadHint: String?

    init(_ messages: [NotificationMessage], streamURL: String, emptyText: String, reloadHint: String? = nil, visit: Visit) {
        self.messages = messages.map { message in
            Row(id: message.id, subject: message.subject ?? "", body: message.body ?? "",
                date: Self.stamp(message.preparedAt ?? message.createdAt, visit: visit))
        }
        self.streamURL = streamURL
        self.emptyText = emptyText
        self.reloadHint = reloadHint
    }

    /// `1 December 2026 10:00 UTC`, in the visitor's language.
    static func stamp(_ instant: UTCInstant, visit: Visit) -> String {
        guard let parts = visit.format.localDateTime(instant.description) else { return instant.description }
        return "\(visit.format.longDate(parts.date)) \(parts.time) UTC"
    }
}
