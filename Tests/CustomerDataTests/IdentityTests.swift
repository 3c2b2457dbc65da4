import CustomerData
import Testing

@Suite struct IdentityRulesTests {
    let rules = IdentityRules.standard

    @Test(arguments: [
        ("  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com"),
        ("x@y.co", "x@y.co"),
    ])
    func emailsAreTrimmedAndLowercased(raw: String, expected: String) {
        #expect(rules.normalize(.email, raw) == CustomerIdentifier(.email, expected))
    }

    @Test(arguments: ["", "null", "ada", "ada@", "@example.com", "ada@example", "ada@.com", "ada @example.com", "a@b."])
    func malformedEmailsIdentifyNobody(raw: String) {
        #expect(rules.normalize(.email, raw) == nil)
    }

    @Test(arguments: [
        ("+82 10-1234-5678", "+821012345678"),
        ("(212) 555-0100", "+12125550100"),
        ("1 212 555 0100", "+12125550100"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1.212.555.0100", "+12125550100"),
    ])
    func phonesBecomeE164(raw: String, expected: String) {
        #expect(rules.normalize(.phone, raw)?.value == expected)
    }

    @Test(arguments: ["", "0", "-1", "12345", "+1 212 555 0100 ext 7", "+1234567890123456", "+11111111111", "phone"])
    func whatIsNotAPhoneIdentifiesNobody(raw: String) {
        #expect(rules.normalize(.phone, raw) == nil)
    }

    @Test(arguments: IdentifierType.allCases)
    func blockedValuesIdentifyNobody(type: IdentifierType) {
        for blocked in ["", "null", "NULL", "anonymous", "0", "-1", " undefined "] {
            #expect(rules.normalize(type, blocked) == nil, "\(type): \(blocked)")
        }
    }

    @Test func identifiersParseFromTheirUrlForm() {
        #expect(CustomerIdentifier(parsing: "email:Ada@Example.com") == CustomerIdentifier(.email, "ada@example.com"))
        #expect(CustomerIdentifier(parsing: "loyalty_number:sk 123-456") == CustomerIdentifier(.loyaltyNumber, "SK123456"))
        #expect(CustomerIdentifier(parsing: "user_id:cus_1")?.description == "user_id:cus_1")
        #expect(CustomerIdentifier(parsing: "shoe_size:42") == nil)
        #expect(CustomerIdentifier(parsing: "email:null") == nil)
        #expect(CustomerIdentifier(parsing: "no-colon") == nil)
    }
}

@Suite struct IdentityResolverTests {
    let resolver = IdentityResolver()

    /// Resolves in order, naming new profiles p1, p2, ...
    final class Namer {
        var count = 0
        func next() -> String {
            count += 1
            return "p\(count)"
        }
    }

    func user(_ value: String) -> CustomerIdentifier { CustomerIdentifier(.userID, value) }
    func anonymous(_ value: String) -> CustomerIdentifier { CustomerIdentifier(.anonymousID, value) }
    func email(_ value: String) -> CustomerIdentifier { CustomerIdentifier(.email, value) }

    @Test func aBrowserThatSignsInBecomesTheCustomersProfile() {
        var graph = IdentityGraph()
        let namer = Namer()
        let first = resolver.resolve([anonymous("a1")], in: &graph, at: 1, newProfileID: namer.next)
        #expect(first?.profile == "p1" && first?.created == true)
        let signIn = resolver.resolve([user("u1"), anonymous("a1"), email("ada@example.com")], in: &graph, at: 2, newProfileID: namer.next)
        // The customer had no profile yet: the browser's takes the user id, and nothing is merged.
        #expect(signIn?.profile == "p1" && signIn?.created == false && signIn?.merges == [])
        #expect(Set(signIn?.added ?? []) == [user("u1"), email("ada@example.com")])
        #expect(graph.owner(of: email("ada@example.com")) == "p1")
        #expect(resolver.resolve([], in: &graph, at: 3, newProfileID: namer.next) == nil)
    }

    @Test func twoKnownProfilesSharingAnIdentifierMergeIntoTheOlder() {
        var graph = IdentityGraph()
        graph.load(profile: "old", createdAt: 1, identifiers: [user("u1"), email("ada@example.com")])
        graph.load(profile: "new", createdAt: 5, identifiers: [anonymous("phone-app")])
        let resolution = resolver.resolve([anonymous("phone-app"), email("ada@example.com")], in: &graph, at: 9, newProfileID: { "never" })
        #expect(resolution?.profile == "old")
        #expect(resolution?.merges == [IdentityResolver.Merge(kept: "old", merged: "new", reason: anonymous("phone-app"))])
        #expect(graph.owner(of: anonymous("phone-app")) == "old")
        #expect(graph.identifiers["new"] == nil)
    }

    @Test func aSecondUserOnASharedBrowserStartsTheirOwnProfile() {
        var graph = IdentityGraph()
        graph.load(profile: "ada", createdAt: 1, identifiers: [user("u-ada"), anonymous("family-laptop")])
        let grace = resolver.resolve([user("u-grace"), anonymous("family-laptop")], in: &graph, at: 2, newProfileID: { "grace" })
        // One user id per profile: the user id (higher priority) decides, the shared anonymous id is dropped.
        #expect(grace?.profile == "grace" && grace?.created == true)
        #expect(grace?.dropped == [anonymous("family-laptop")])
        #expect(graph.owner(of: anonymous("family-laptop")) == "ada")
        #expect(graph.identifiers["ada"] == [user("u-ada"), anonymous("family-laptop")])
    }

    @Test func profilesThatWouldExceedALimitAreNotMerged() {
        var graph = IdentityGraph()
        graph.load(profile: "a", createdAt: 1, identifiers: [user("u-a"), email("shared@example.com")])
        graph.load(profile: "b", createdAt: 2, identifiers: [user("u-b")])
        let resolution = resolver.resolve([user("u-b"), email("shared@example.com")], in: &graph, at: 3, newProfileID: { "x" })
        #expect(resolution?.profile == "b" && resolution?.merges == [] && resolution?.dropped == [email("shared@example.com")])
    }

    @Test func aProfileHoldsAtMostFiveEmails() {
        var graph = IdentityGraph()
        graph.load(profile: "p", createdAt: 1, identifiers: [user("u")] + (1...5).map { email("e\($0)@example.com") })
        let resolution = resolver.resolve([user("u"), email("e6@example.com")], in: &graph, at: 2, newProfileID: { "x" })
        #expect(resolution?.dropped == [email("e6@example.com")])
        #expect(graph.owner(of: email("e6@example.com")) == nil)
    }

    @Test func theLimitsAreConfigurable() {
        var rules = IdentityRules.standard
        rules.limits[.userID] = 2
        var graph = IdentityGraph()
        graph.load(profile: "a", createdAt: 1, identifiers: [user("old-id"), anonymous("x")])
        let resolution = IdentityResolver(rules: rules).resolve([user("new-id"), anonymous("x")], in: &graph, at: 2, newProfileID: { "n" })
        #expect(resolution?.profile == "a" && resolution?.created == false)
        #expect(graph.identifiers["a"]?.contains(user("new-id")) == true)
    }

    @Test func aChainOfMergesEndsInOneProfile() {
        var graph = IdentityGraph()
        graph.load(profile: "p1", createdAt: 1, identifiers: [anonymous("a1")])
        graph.load(profile: "p2", createdAt: 2, identifiers: [anonymous("a2")])
        graph.load(profile: "p3", createdAt: 3, identifiers: [email("ada@example.com")])
        let resolution = resolver.resolve([anonymous("a1"), anonymous("a2"), email("ada@example.com")], in: &graph, at: 4, newProfileID: { "n" })
        #expect(resolution?.profile == "p1")
        #expect(resolution?.merges.map(\.merged).sorted() == ["p2", "p3"])
        #expect(Set(graph.owners.values) == ["p1"])
    }
}

/// Public sources (the site's write key is on every page) only claim identities (issue 16, defect 2).
@Suite struct IdentityTrustTests {
    let resolver = IdentityResolver()
    let victimEmail = CustomerIdentifier(.email, "victim@example.com")

    /// A graph where the victim is known through a trusted source: user id, email and their browser.
    func victimGraph() -> IdentityGraph {
        var graph = IdentityGraph()
        _ = resolver.resolve([CustomerIdentifier(.userID, "cus_v"), victimEmail, CustomerIdentifier(.anonymousID, "victim-browser")],
                             in: &graph, at: 1, newProfileID: { "prf_victim" })
        return graph
    }

    @Test func aClaimedEmailDoesNotMergeABrowserIntoAVerifiedProfile() throws {
        var graph = victimGraph()
        #expect(graph.isVerified("prf_victim"))
        let resolution = try #require(resolver.resolve([CustomerIdentifier(.anonymousID, "attacker"), victimEmail], trusted: false,
                                                       in: &graph, at: 2, newProfileID: { "prf_attacker" }))
        #expect(resolution.profile == "prf_attacker" && resolution.merges.isEmpty && resolution.dropped == [victimEmail])
        #expect(graph.owner(of: victimEmail) == "prf_victim")
        #expect(graph.owner(of: CustomerIdentifier(.anonymousID, "attacker")) == "prf_attacker" && !graph.isVerified("prf_attacker"))
    }

    @Test func namingOnlyAVerifiedPersonWritesNowhere() {
        var graph = victimGraph()
        #expect(resolver.resolve([CustomerIdentifier(.userID, "cus_v")], trusted: false, in: &graph, at: 2, newProfileID: { "prf_x" }) == nil)
        #expect(graph.identifiers["prf_x"] == nil)
    }

    @Test func claimsNeverMergeTwoBrowsers() throws {
        var graph = IdentityGraph()
        let shared = CustomerIdentifier(.email, "someone@example.com")
        _ = resolver.resolve([CustomerIdentifier(.anonymousID, "first"), shared], trusted: false, in: &graph, at: 1, newProfileID: { "prf_1" })
        #expect(graph.isClaim(shared) && !graph.isVerified("prf_1"))
        let second = try #require(resolver.resolve([CustomerIdentifier(.anonymousID, "second"), shared], trusted: false, in: &graph, at: 2,
                                                   newProfileID: { "prf_2" }))
        #expect(second.profile == "prf_2" && second.merges.isEmpty && graph.owner(of: shared) == "prf_1")
    }

    @Test func aTrustedSourceTakesAClaimBackInsteadOfMerging() throws {
        var graph = IdentityGraph()
        // An attacker's browser claims an email before its owner ever signs up.
        _ = resolver.resolve([CustomerIdentifier(.anonymousID, "attacker"), victimEmail], trusted: false, in: &graph, at: 1,
                             newProfileID: { "prf_attacker" })
        let signUp = try #require(resolver.resolve([CustomerIdentifier(.userID, "cus_v"), victimEmail], in: &graph, at: 2,
                                                   newProfileID: { "prf_victim" }))
        #expect(signUp.profile == "prf_victim" && signUp.merges.isEmpty && signUp.released == [victimEmail])
        #expect(graph.owner(of: victimEmail) == "prf_victim" && !graph.isClaim(victimEmail))
        #expect(graph.identifiers["prf_attacker"] == [CustomerIdentifier(.anonymousID, "attacker")])
    }

    @Test func theBrowsersOwnAnonymousIdStillReachesItsSignedInProfile() throws {
        var graph = victimGraph()
        // The signed-in customer's browser sends its events through the public key, with its user id.
        let event = try #require(resolver.resolve([CustomerIdentifier(.anonymousID, "victim-browser"), CustomerIdentifier(.userID, "cus_v")],
                                                  trusted: false, in: &graph, at: 3, newProfileID: { "prf_new" }))
        #expect(event.profile == "prf_victim" && !event.created && event.dropped.isEmpty)
    }
}
