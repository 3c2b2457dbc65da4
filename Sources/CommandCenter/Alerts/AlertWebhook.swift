import Foundation
import Operations

/// Where operators receive alerts: a URL and the secret the body is signed with
/// (`X-Skyport-Signature: sha256=<hex HMAC-SHA256>`, as passenger webhooks are signed).
public struct AlertWebhook: Sendable {
    public let url: URL
    public let secret: String

    public init(url: URL, secret: String) {
        self.url = url
        self.secret = secret
    }
}

/// One alert event as the webhook sends it: Alertmanager's webhook shape (version 4), so receivers
/// written for Alertmanager (chat bots, paging services) take it as it is.
struct AlertNotification: Encodable {
    struct Alert: Encodable {
        let status: String
        let labels: [String: String]
        let annotations: [String: String]
        let startsAt: String
        let endsAt: String
        let fingerprint: String
    }

    let version = "4"
    let receiver = "skyport"
    let status: String
    let groupKey: String
    let alerts: [Alert]
    let commonLabels: [String: String]
    let commonAnnotations: [String: String]
    let externalURL: String
}
