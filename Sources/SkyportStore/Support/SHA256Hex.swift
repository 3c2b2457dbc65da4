import Crypto
import Foundation

/// SHA-256 as lowercase hex: how Skyport stores secrets it must recognize but never reveal (session,
/// operator and write-key tokens), fingerprints files and data, and compares request bodies.
public enum SHA256Hex {
    public static func digest(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func digest(_ text: String) -> String {
        digest(Data(text.utf8))
    }

    public static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
