import Accounts
import CustomerData
import Foundation
import Hummingbird
import SkyportDomain

/// Customer profiles and privacy rights, for operators. A profile is named by any of its identifiers,
/// `{type}:{value}` (`email:ana@example.com`, `user_id:cus_...`, `anonymous_id:...`, `phone:+1212...`,
/// `loyalty_number:...`) or `profile_id:prf_...`.
///
/// - `GET /v1/profiles/{ref}`: identifiers, traits with the time each was set, computed traits,
///   segments, current consents and merges.
/// - `GET /v1/profiles/{ref}/events?limit=50&before={event id}`: the timeline, newest first.
/// - `GET|PUT /v1/profiles/{ref}/consents`: the consent history; record decisions
///   `{"personalization": true, "marketing": false, "source": "call centre"}`.
/// - `GET /v1/profiles/{ref}/export`: everything held, with purposes and retention (audited).
/// - `DELETE /v1/profiles/{ref}`: erasure (audited without personal data; later events suppressed).
/// - `GET /v1/cdp/privacy-requests`: the audit trail. `GET /v1/cdp/backlog`: how far profiles lag.
public struct ProfilesController: Sendable {
    let directory: ProfileDirectory
    let privacy: PrivacyService
    let processor: ProfileProcessor
    let access: OperatorAccess

    public init(directory: ProfileDirectory, privacy: PrivacyService, processor: ProfileProcessor, access: OperatorAccess) {
        self.directory = directory
        self.privacy = privacy
        self.processor = processor
        self.access = access
    }

    struct ConsentRequest: Decodable {
        let personalization: Bool?
        let marketing: Bool?
        let source: String?
    }

    struct ConsentHistory: Encodable, Sendable {
        let profile_id: String
        let current: [String: Bool]
        let history: [PrivacyService.ConsentRecord]

        init(profile: String, history: [PrivacyService.ConsentRecord]) {
            profile_id = profile
            self.history = history
            current = history.reduce(into: [:]) { $0[$1.purpose] = $1.granted }
        }
    }

    struct Timeline: Encodable, Sendable {
        let data: [ProfileDirectory.TimelineEvent]
        let next_before: Int64?
    }

    struct AuditTrail: Encodable, Sendable {
        let data: [PrivacyService.AuditRecord]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/profiles/:ref") { request, context in
            _ = try await access.require(request)
            let id = try await profile(context)
            guard let found = try await directory.profile(id: id) else { throw Self.notFound }
            return JSONResponse(found)
        }

        router.get("/v1/profiles/:ref/events") { request, context in
            _ = try await access.require(request)
            let id = try await profile(context)
            let limit = try Self.integer(request, "limit", default: 50, range: 1...500)
            let before = try request.uri.queryParameters["before"].map { text -> Int64 in
                guard let value = Int64(String(text)), value > 0 else {
                    throw ServiceError(.invalid, code: .invalidCursor, message: "before is an event id from next_before.", field: "before")
                }
                return value
            }
            let events = try await directory.timeline(id: id, before: before, limit: limit)
            return JSONResponse(Timeline(data: events, next_before: events.count == limit ? events.last?.id : nil))
        }

        router.get("/v1/profiles/:ref/consents") { request, context in
            _ = try await access.require(request)
            let id = try await profile(context)
            return JSONResponse(ConsentHistory(profile: id, history: try await privacy.consentHistory(profile: id)))
        }

        router.put("/v1/profiles/:ref/consents") { request, context in
            let caller = try await access.require(request)
            let id = try await profile(context)
            let input = try await PredictionsController.decode(ConsentRequest.self, request)
            var decisions: [ConsentPurpose: Bool] = [:]
            decisions[.personalization] = input.personalization
            decisions[.marketing] = input.marketing
            let history = try await privacy.recordConsent(profile: id, decisions: decisions, source: input.source ?? "operator \(caller.name)")
            return JSONResponse(ConsentHistory(profile: id, history: history))
        }

        router.get("/v1/profiles/:ref/export") { request, context in
            let caller = try await access.require(request)
            return JSONResponse(try await privacy.export(profile: try await profile(context), requestedBy: caller.name))
        }

        router.delete("/v1/profiles/:ref") { request, context in
            let caller = try await access.require(request)
            return JSONResponse(try await privacy.erase(profile: try await profile(context), requestedBy: caller.name))
        }

        router.get("/v1/cdp/privacy-requests") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(AuditTrail(data: try await privacy.auditTrail(limit: try Self.integer(request, "limit", default: 100, range: 1...1000))))
        }

        router.get("/v1/cdp/backlog") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(try await processor.backlog())
        }
    }

    private func profile(_ context: AppRequestContext) async throws -> String {
        let raw = String(try context.parameters.require("ref"))
        return try await directory.require(raw.removingPercentEncoding ?? raw)
    }

    static let notFound = ServiceError(.notFound, code: .profileNotFound, message: "No profile holds this identifier.")

    static func integer(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(name)] else { return value }
        guard let parsed = Int(String(text)), range.contains(parsed) else {
            throw ServiceError(.invalid, code: ServiceError.Code("invalid_\(name)"), message: "\(name) must be \(range.lowerBound) to \(range.upperBound).", field: name)
        }
        return parsed
    }
}
