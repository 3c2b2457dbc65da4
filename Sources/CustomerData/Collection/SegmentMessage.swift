import Foundation
import SkyportDomain

/// One message of Segment's tracking API, checked and ready to store.
public struct SegmentMessage: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case identify, track, page, screen, group, alias
    }

    public static let maximumBytes = 32 * 1024
    /// Values that identify nobody: analytics libraries send them for "unknown".
    static let blankIdentifiers: Set<String> = ["", "null", "undefined", "anonymous", "0", "-1"]

    public let kind: Kind
    public let messageID: String
    public let userID: String?
    public let anonymousID: String?
    public let event: String?
    /// When it happened by the client's clock (milliseconds since 1970), if the client said.
    public let timestamp: Int64?
    /// When the client sent it (milliseconds), from the message or its batch.
    public let sentAt: Int64?
    /// The message as received, re-serialized.
    public let payload: String

    /// The moment it happened on the server's clock: the client's timestamp moved by the client's
    /// clock error (`received - sentAt`), or the time received when the client gave no timestamp.
    public func occurredAt(receivedAt: Int64) -> Int64 {
        guard let timestamp else { return receivedAt }
        guard let sentAt else { return timestamp }
        return timestamp + (receivedAt - sentAt)
    }

    /// The keys whose value must be text (`false`) or may also be a number (`true`), checked on every message.
    private static let identityAndNameKeys: [(key: String, numbersAllowed: Bool)] = [
        ("userId", true), ("anonymousId", true), ("messageId", false), ("event", false), ("name", false), ("previousId", false), ("groupId", false),
    ]

    /// Checks one message; `kind` is given for the single-message endpoints, read from `type` in a batch.
    /// `position` names the message in error fields (`batch[3].event`). `raw` is the message's bytes as
    /// sent, stored as they are when they carry the type and message id already (or these can be added).
    public init(_ object: [String: JSONValue], kind given: Kind?, batchSentAt: Int64?, field prefix: String, raw: ArraySlice<UInt8>? = nil) throws {
        var issues: [ValidationIssue] = []
        func issue(_ code: ServiceError.Code, _ field: String, _ message: String) {
            issues.append(ValidationIssue(code: code, field: prefix.isEmpty ? field : "\(prefix).\(field)", message: message))
        }
        func text(_ key: String) -> String? {
            object[key]?.string.map(Self.trimmed)
        }
        func identifier(_ key: String) -> String? {
            guard let value = text(key), value.utf8.count > 9 || !Self.blankIdentifiers.contains(value.lowercased()) else { return nil }
            return value
        }
        // Ids may be numbers (Segment's libraries send numeric user ids as they are); names and message ids are
        // text. Null is "not given"; any other type is refused rather than silently dropped.
        for (key, numbersAllowed) in Self.identityAndNameKeys {
            switch object[key] {
            case nil, .null?, .string(_)?: continue
            case .number(_)? where numbersAllowed: continue
            default: issue(.invalidField, key, numbersAllowed ? "\(key) must be a string or a number." : "\(key) must be a string.")
            }
        }
        var kind = given
        if let given, let type = object["type"], type != .null, type.string?.lowercased() != given.rawValue {
            // `/cdp/v1/track` with "type": "identify" is a client bug; which one it meant is unknowable.
            issue(.invalidType, "type", "type, when given, is the endpoint's own (\(given.rawValue)).")
        }
        if given == nil {
            if case .string(let type)? = object["type"], let parsed = Kind(rawValue: type.lowercased()) {
                kind = parsed
            } else {
                issue(.invalidType, "type", "type must be one of identify, track, page, screen, group, alias.")
            }
        }
        userID = identifier("userId")
        anonymousID = identifier("anonymousId")
        if userID == nil, anonymousID == nil {
            issue(.missingIdentity, "userId", "A message needs a userId or an anonymousId.")
        }
        event = text("event")
        if kind == .track, event?.isEmpty ?? true {
            issue(.missingEvent, "event", "A track message needs the name of its event.")
        }
        if kind == .alias, identifier("previousId") == nil {
            issue(.missingPreviousID, "previousId", "An alias message needs the previousId it links to the userId.")
        }
        if kind == .group, identifier("groupId") == nil {
            issue(.missingGroupID, "groupId", "A group message needs a groupId.")
        }
        func instant(_ key: String) -> Int64? {
            guard let raw = object[key], raw != .null else { return nil }
            guard case .string(let value) = raw, let parsed = SegmentTimestamp.milliseconds(value) else {
                issue(.invalidTimestamp, key, "\(key) must be an ISO 8601 time such as 2026-11-25T09:30:00.123Z.")
                return nil
            }
            return parsed
        }
        timestamp = instant("timestamp")
        sentAt = instant("sentAt") ?? batchSentAt
        for key in ["context", "traits", "properties", "integrations"] {
            if let value = object[key], value != .null, value.objectValue == nil {
                issue(.invalidField, key, "\(key) must be an object.")
            }
        }
        guard issues.isEmpty, let kind else { throw ValidationFailure(issues) }
        self.kind = kind
        let messageID = identifier("messageId") ?? Identifier.make(prefix: "msg")
        self.messageID = messageID
        let json = Self.stored(object, raw: raw, kind: kind, messageID: messageID)
        guard json.utf8.count <= Self.maximumBytes else {
            throw ServiceError(.tooLarge, code: .messageTooLarge, message: "A message may be at most 32 KB.", field: prefix.isEmpty ? nil : prefix)
        }
        payload = json
    }

    /// The message to store: the bytes as sent, with `type` and `messageId` added where the client left
    /// them out; serialized again only when a field must be replaced.
    private static func stored(_ object: [String: JSONValue], raw: ArraySlice<UInt8>?, kind: Kind, messageID: String) -> String {
        let typeAsSent = object["type"].map { $0 == .string(kind.rawValue) }
        let idAsSent = object["messageId"].map { $0 == .string(messageID) }
        // A single message may carry the source's write key: that is never stored.
        guard let raw, raw.first == UInt8(ascii: "{"), typeAsSent ?? true, idAsSent ?? true, object["writeKey"] == nil else {
            var replaced = object
            replaced["writeKey"] = nil
            replaced["type"] = .string(kind.rawValue)
            replaced["messageId"] = .string(messageID)
            return JSONWriter.serialize(.object(replaced))
        }
        var added = ""
        if typeAsSent == nil { added += "\"type\":\"\(kind.rawValue)\"," }
        if idAsSent == nil { added += "\"messageId\":" + JSONWriter.serialize(.string(messageID)) + "," }
        guard !added.isEmpty else { return String(decoding: raw, as: UTF8.self) }
        return "{" + added + String(decoding: raw.dropFirst(), as: UTF8.self)
    }

    /// `text` without surrounding spaces and tabs; the common untouched case costs two checks.
    private static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

extension SegmentMessage {
    /// Checks a message built from Foundation objects (as `JSONSerialization` produces, or a literal).
    public init(foundation object: [String: Any], kind: Kind?, batchSentAt: Int64?, field: String) throws {
        try self.init(JSONValue(any: object).objectValue ?? [:], kind: kind, batchSentAt: batchSentAt, field: field)
    }
}
