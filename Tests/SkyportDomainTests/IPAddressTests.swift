import SkyportDomain
import Testing

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"), ("::1", "::1"), ("[2001:db8::1]", "2001:db8::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("::ffff:192.0.2.1", "192.0.2.1"), ("fe80::1%eth0", "fe80::1"), ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), ("::", "::"),
    ])
    func readsAndWritesAddresses(text: String, canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4 ", "::1::", "2001:db8::g", "12345::", "localhost", "1:2:3:4:5:6:7:8:9"])
    func refusesWhatIsNotAnAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func rangesContainTheirAddresses() throws {
        let tenNet = try #require(IPAddressRange("10.0.0.0/8"))
        #expect(tenNet.contains(try #require(IPAddress("10.255.1.2"))))
        #expect(!tenNet.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(tenNet.contains(try #require(IPAddress("::ffff:10.1.2.3"))))
        let single = try #require(IPAddressRange("203.0.113.7"))
        #expect(try single.contains(#require(IPAddress("203.0.113.7"))))
        #expect(try !single.contains(#require(IPAddress("203.0.113.8"))))
        let unique = try #require(IPAddressRange("fd00::/8"))
        #expect(try unique.contains(#require(IPAddress("fd12:3456::1"))))
        #expect(try !unique.contains(#require(IPAddress("fe80::1"))))
        #expect(IPAddressRange("10.0.0.0/33") == nil && IPAddressRange("10.0.0.0/x") == nil && IPAddressRange("host/8") == nil)
        #expect(tenNet.description == "10.0.0.0/8")
    }

    @Test(arguments: ["127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::",
                      "fd00:ec2::254", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"])
    func internalAddressesAreNotPublic(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(IPAddressRange.nonPublic.contains { $0.contains(address) })
    }

    @Test(arguments: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
    func publicAddressesArePublic(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(!IPAddressRange.nonPublic.contains { $0.contains(address) })
    }
}
