import CustomerData
import Foundation
import Hummingbird
import SkyportDomain

/// Segments, for operators.
///
/// - `POST /v1/cdp/segments` `{"name": "...", "description": "...", "rule": {...}}` (rules: `docs/cdp.md`):
///   201; the profiles that match enter at once.
/// - `GET /v1/cdp/segments`, `GET /v1/cdp/segments/{id}`: definitions with member counts.
/// - `GET /v1/cdp/segments/{id}/members?limit=100&after={profile id}`.
/// - `DELETE /v1/cdp/segments/{id}`: members exit; 204.
public struct SegmentsController: Sendable {
    let segments: SegmentStore
    let access: OperatorAccess

    public init(segments: SegmentStore, access: OperatorAccess) {
        self.segments = segments
        self.access = access
    }

    struct SegmentBody: Encodable, Sendable {
        let id: String
        let name: String
        let description: String
        let rule: JSONValue
        let members: Int
        let created_at: Int64

        init(_ summary: SegmentStore.Summary) {
            id = summary.segment.id
            name = summary.segment.name
            description = summary.segment.description
            rule = summary.segment.rule.json
            members = summary.members
            created_at = summary.segment.createdAt
        }
    }

    struct SegmentList: Encodable, Sendable {
        let data: [SegmentBody]
    }

    struct MemberList: Encodable, Sendable {
        let segment_id: String
        let count: Int
        let data: [SegmentStore.Member]
        let next_after: String?
    }

    struct CreateRequest: Decodable {
        let name: String?
        let description: String?
        let rule: JSONValue?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/cdp/segments") { request, _ in
            _ = try await access.require(request)
            let input = try await PredictionsController.decode(CreateRequest.self, request)
            guard let ruleJSON = input.rule else {
                throw ServiceError(.invalid, code: .missingField, message: "rule is the segment's rule (see docs/cdp.md).", field: "rule")
            }
            let segment = try await segments.create(name: input.name ?? "", description: input.description ?? "", rule: try SegmentRule(ruleJSON))
            guard let summary = try await segments.summary(id: segment.id) else { throw Self.notFound }
            return JSONResponse(SegmentBody(summary), status: .created)
        }

        router.get("/v1/cdp/segments") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(SegmentList(data: try await segments.list().map(SegmentBody.init)))
        }

        router.get("/v1/cdp/segments/:id") { request, context in
            _ = try await access.require(request)
            guard let summary = try await segments.summary(id: try context.parameters.require("id")) else { throw Self.notFound }
            return JSONResponse(SegmentBody(summary))
        }

        router.get("/v1/cdp/segments/:id/members") { request, context in
            _ = try await access.require(request)
            guard let summary = try await segments.summary(id: try context.parameters.require("id")) else { throw Self.notFound }
            let limit = try ProfilesController.integer(request, "limit", default: 100, range: 1...1000)
            let members = try await segments.members(of: summary.segment.id, after: request.uri.queryParameters["after"].map(String.init), limit: limit)
            return JSONResponse(MemberList(segment_id: summary.segment.id, count: summary.members, data: members,
                                           next_after: members.count == limit ? members.last?.profileID : nil))
        }

        router.delete("/v1/cdp/segments/:id") { request, context in
            _ = try await access.require(request)
            guard try await segments.delete(id: try context.parameters.require("id")) else { throw Self.notFound }
            return Response(status: .noContent)
        }
    }

    static let notFound = ServiceError(.notFound, code: .segmentNotFound, message: "No segment has this id.")
}
