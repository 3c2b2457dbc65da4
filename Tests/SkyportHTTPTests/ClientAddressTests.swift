import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SkyportDomain
import SkyportHTTP
import SkyportTestSupport
import Testing

/// Rate limits behind a load balancer: the client is who the trusted proxies say, and one client's
/// guesses never lock out another (issue 16, defect 7).
@Suite struct ClientAddressTests {
    static let proxies = ["10.0.0.0/8", "127.0.0.1"].compactMap(IPAddressRange.init)

    @Test func forwardedAddressesAreBelievedOnlyFromTrustedProxies() {
        func client(_ peer: String, _ header: [String]) -> String {
            ClientAddressMiddleware.clientAddress(peer: peer, forwardedFor: header, trustedProxies: Self.proxies)
        }
        // Straight from the internet: the header is the client's own words.
        #expect(client("203.0.113.9", ["198.51.100.1"]) == "203.0.113.9")
        // Through the balancer: the address it saw.
        #expect(client("10.0.0.5", ["198.51.100.1"]) == "198.51.100.1")
        // A client that writes its own header gets it put to the left of what the balancer adds.
        #expect(client("10.0.0.5", ["1.1.1.1, 198.51.100.1"]) == "198.51.100.1")
        #expect(client("10.0.0.5", ["1.1.1.1", "198.51.100.1, 10.0.0.7"]) == "198.51.100.1")
        // Junk stops the walk at the last proxy.
        #expect(client("10.0.0.5", ["not-an-address"]) == "10.0.0.5")
        #expect(client("10.0.0.5", []) == "10.0.0.5")
        #expect(ClientAddressMiddleware.clientAddress(peer: "10.0.0.5", forwardedFor: ["198.51.100.1"], trustedProxies: []) == "10.0.0.5")
    }

    @Test func bookingLookUpsAreLimitedPerClientBehindTheProxy() async throws {
        try await APITestHarness.withClient(environment: ["SKYPORT_TRUSTED_PROXIES": "127.0.0.1"], live: true) { client, _ in
            let order = try await APITestHarness.buy(client)
            let reference = try #require(order["booking_reference"] as? String)
            func lookUp(_ family: String, from address: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/v1/orders?booking_reference=\(reference)&family_name=\(family)", method: .get,
                                         headers: [HTTPField.Name("X-Forwarded-For")!: address]).status
            }
            for _ in 0..<5 { #expect(try await lookUp("Babbage", from: "203.0.113.7") == .notFound) }
            // That client is stopped for this booking, even with the right name...
            #expect(try await lookUp("Lovelace", from: "203.0.113.7") == .tooManyRequests)
            // ...and the passenger, behind the same balancer, is not.
            #expect(try await lookUp("Lovelace", from: "198.51.100.20") == .ok)
        }
    }

    @Test func withoutTrustedProxiesTheHeaderChangesNothing() async throws {
        try await APITestHarness.withClient(live: true) { client, _ in
            let order = try await APITestHarness.buy(client)
            let reference = try #require(order["booking_reference"] as? String)
            for index in 0..<5 {
                let status = try await client.execute(uri: "/v1/orders?booking_reference=\(reference)&family_name=Babbage", method: .get,
                                                      headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.\(index)"]).status
                #expect(status == .notFound)
            }
            // Every request came from 127.0.0.1, whatever the header said: that client is stopped.
            let status = try await client.execute(uri: "/v1/orders?booking_reference=\(reference)&family_name=Lovelace", method: .get,
                                                  headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.20"]).status
            #expect(status == .tooManyRequests)
        }
    }
}
