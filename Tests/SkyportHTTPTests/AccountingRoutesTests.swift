import Accounts
import Foundation
import HTTPTypes
import HummingbirdTesting
import SkyportApp
import SkyportDomain
import SkyportTestSupport
import Testing

/// Revenue accounting's API is finance's: the reconciliation answers per processor, the card processor's by default
/// and the loyalty programme's miles on request, in the documented shape.
@Suite struct AccountingRoutesTests {
    @Test func theReconciliationIsPerProcessorAndForTheFinanceRightOnly() async throws {
        try await APITestHarness.withClient { client, runtime in
            _ = try await APITestHarness.buy(client)
            let (_, finance) = try await OperatorTokens(database: runtime.database).create(name: "Revenue accounting", rights: [.finance], now: 1)
            let operations = try await PredictionRoutesTests.operatorHeaders(runtime)
            func reconciliation(_ query: String, _ headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/v1/accounting/reconciliation\(query)", method: .get, headers: headers)
            }
            let headers: HTTPFields = [.authorization: "Bearer \(finance)"]
            let card = APITestHarness.json(try await reconciliation("", headers), schema: "Reconciliation")
            #expect(card["processor"] as? String == "test")
            let miles = APITestHarness.json(try await reconciliation("?processor=miles", headers), schema: "Reconciliation")
            #expect(miles["processor"] as? String == "miles" && (miles["differences"] as? [Any])?.isEmpty == true)
            let unknown = try await reconciliation("?processor=acme", headers)
            #expect(unknown.status == .unprocessableContent && APITestHarness.errorCodes(unknown) == ["unknown_processor"])
            #expect(try await reconciliation("", operations).status == .forbidden)
        }
    }
}
