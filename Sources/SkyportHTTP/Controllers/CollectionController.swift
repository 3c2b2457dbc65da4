import CustomerData
import Foundation
import Hummingbird
import NIOCore
import SkyportDomain

/// Segment's HTTP tracking API under `/cdp`, so that a client configured with host `http://HOST:PORT/cdp`
/// sends here unchanged: `POST /cdp/v1/batch` and `/cdp/v1/{identify,track,page,screen,group,alias}`.
///
/// The write key comes as the HTTP Basic user (empty password) or as `writeKey` in the body. Every
/// message is checked before any is stored; a refusal is a 400 (413 above the size limits) naming the
/// message and the field, and stores nothing. Success is exactly `200 {"success": true}`.
public struct CollectionController: Sendable {
    let sources: EventSources
    let collector: EventCollector
    let now: @Sendable () -> Int64

    public init(sources: EventSources, collector: EventCollector, now: @escaping @Sendable () -> Int64) {
        self.sources = sources
        self.collector = collector
        self.now = now
    }

    struct Acknowledgement: Encodable, Sendable {
        let success: Bool
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.group("/cdp").add(middleware: TrackingClientErrors()).post("v1/batch") { request, _ in
            let (body, bytes) = try await Self.object(request, limit: EventCollector.maximumBatchBytes, code: .batchTooLarge,
                                                      message: "A batch may be at most 4 MiB and 64 KiB (after decompression).")
            let source = try await authenticate(request, body: body)
            guard case .array(let batch)? = body["batch"], !batch.isEmpty else {
                throw Self.refusal(.badRequest, .missingField, "batch must be a non-empty array of messages.", field: "batch")
            }
            let batchSentAt = try Self.sentAt(body)
            // Each message is stored as sent; the spans line up with the parsed array or are not used.
            let spans = BatchSpans.messages(in: bytes).flatMap { $0.count == batch.count ? $0 : nil }
            var messages: [SegmentMessage] = []
            var issues: [APIError.Entry] = []
            for (index, element) in batch.enumerated() {
                guard case .object(let object) = element else {
                    issues.append(Self.entry(.invalidMessage, "Each message must be an object.", field: "batch[\(index)]"))
                    continue
                }
                do {
                    messages.append(try SegmentMessage(object, kind: nil, batchSentAt: batchSentAt, field: "batch[\(index)]",
                                                       raw: spans.map { bytes[$0[index]] }))
                } catch let failure as ValidationFailure {
                    issues += failure.issues.map { Self.entry($0.code, $0.message, field: $0.field) }
                }
            }
            guard issues.isEmpty else { throw APIError(status: .badRequest, errors: issues) }
            try await collector.collect(messages, from: source, receivedAt: now())
            return JSONResponse(Acknowledgement(success: true))
        }

        for kind in SegmentMessage.Kind.allCases {
            router.group("/cdp").add(middleware: TrackingClientErrors()).post("v1/\(kind.rawValue)") { request, _ in
                let (body, bytes) = try await Self.object(request, limit: SegmentMessage.maximumBytes, code: .messageTooLarge,
                                                          message: "A message may be at most 32 KB (after decompression).")
                let source = try await authenticate(request, body: body)
                let message: SegmentMessage
                do {
                    message = try SegmentMessage(body, kind: kind, batchSentAt: nil, field: "", raw: bytes[...])
                } catch let failure as ValidationFailure {
                    throw APIError(status: .badRequest, errors: failure.issues.map { Self.entry($0.code, $0.message, field: $0.field) })
                }
                try await collector.collect([message], from: source, receivedAt: now())
                return JSONResponse(Acknowledgement(success: true))
            }
        }
    }

    /// The source of a write key from `Authorization: Basic base64(key:)` or `writeKey` in the body.
    private func authenticate(_ request: Request, body: [String: JSONValue]) async throws -> EventSource {
        var key: String?
        if case .string(let inBody)? = body["writeKey"] { key = inBody }
        if let header = request.headers[.authorization], header.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }) {
            key = String(decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        guard let key, !key.isEmpty else {
            throw Self.refusal(.unauthorized, .writeKeyRequired, "Send the source's write key as the Basic user (empty password) or as writeKey.")
        }
        guard let source = try await sources.source(writeKey: key) else {
            throw Self.refusal(.unauthorized, .invalidWriteKey, "The write key is unknown or revoked.")
        }
        return source
    }

    /// The body as a JSON object, and its bytes.
    private static func object(_ request: Request, limit: Int, code: ServiceError.Code, message: String) async throws -> ([String: JSONValue], [UInt8]) {
        let buffer: ByteBuffer
        do {
            buffer = try await JSONBody.collect(request, limit: limit)
        } catch let error as ServiceError where error.kind == .tooLarge {
            throw refusal(.contentTooLarge, code, message)
        }
        let bytes = Array(buffer.readableBytesView)
        let value: JSONValue
        do {
            value = try JSONValue(json: bytes)
        } catch {
            throw refusal(.badRequest, error.code, error.message)
        }
        guard case .object(let object) = value else {
            throw refusal(.badRequest, .malformedJSON, "The body must be a JSON object.")
        }
        return (object, bytes)
    }

    private static func sentAt(_ body: [String: JSONValue]) throws -> Int64? {
        guard let raw = body["sentAt"], raw != .null else { return nil }
        guard case .string(let text) = raw, let value = SegmentTimestamp.milliseconds(text) else {
            throw refusal(.badRequest, .invalidTimestamp, "sentAt must be an ISO 8601 time.", field: "sentAt")
        }
        return value
    }

    private static func entry(_ code: ServiceError.Code, _ message: String, field: String?) -> APIError.Entry {
        APIError.Entry(code: code, title: APIError.title(for: .badRequest), message: message, field: field)
    }

    private static func refusal(_ status: HTTPResponse.Status, _ code: ServiceError.Code, _ message: String, field: String? = nil) -> APIError {
        APIError(status: status, code: code, message: message, field: field)
    }
}

/// Refusals of the tracking API also carry the top-level `code` and `message` analytics clients read.
struct TrackingClientErrors: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var refusal = APIError.from(error)
            refusal.summarizedForTrackingClients = true
            throw refusal
        }
    }
}
