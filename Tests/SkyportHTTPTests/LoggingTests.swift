import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SkyportHTTP
import Synchronization
import Testing

@Suite struct LoggingTests {
    final class Lines: Sendable {
        let storage = Mutex<[[String: String]]>([])
        func append(_ data: Data) {
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: String] ?? [:]
            storage.withLock { $0.append(object) }
        }
        var all: [[String: String]] { storage.withLock { $0 } }
    }

    @Test func everyLineWrittenWhileServingCarriesTheRequestID() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { label in JSONLogHandler(label: label, level: .info, output: lines.append) }
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ObservabilityMiddleware(metrics: SkyportMetrics(), logger: logger))
        router.get("/probe") { _, _ -> String in
            logger.info("inside the handler", metadata: ["module": "probe"])
            return "ok"
        }
        try await Application(router: router, logger: logger).test(.router) { client in
            try await client.execute(uri: "/probe", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "req-from-client-1"]) { response in
                #expect(response.status == .ok)
            }
        }
        let handlerLine = try #require(lines.all.first { $0["message"] == "inside the handler" })
        #expect(handlerLine["request_id"] == "req-from-client-1")
        #expect(handlerLine["module"] == "probe")
        let accessLine = try #require(lines.all.first { $0["message"] == "request" })
        #expect(accessLine["request_id"] == "req-from-client-1")
        #expect(accessLine["route"] == "/probe")
        #expect(accessLine["status"] == "200")
        logger.info("outside any request")
        #expect(lines.all.last?["request_id"] == nil)
    }
}
