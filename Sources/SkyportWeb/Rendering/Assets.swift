import Booking
import Foundation
import SkyportStore

/// The site's static files, read once from the module's resources and served under names that
/// carry a fingerprint of their content, so that browsers may cache them for a year.
public struct Assets: Sendable {
    public struct File: Sendable {
        public let path: String
        public let contentType: String
        public let body: Data
    }

    /// Fingerprinted path by logical name (`app.css` -> `/assets/app.3f9a1c2b7d.css`).
    public let paths: [String: String]
    private let files: [String: File]

    public init(files named: [(name: String, contentType: String, body: Data)], under prefix: String = "/assets/") {
        var paths: [String: String] = [:], files: [String: File] = [:]
        for (name, contentType, body) in named {
            let digest = SHA256Hex.digest(body).prefix(10)
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            let path = "\(prefix)\(name[..<dot]).\(digest)\(name[dot...])"
            paths[name] = path
            files[path] = File(path: path, contentType: contentType, body: body)
        }
        self.paths = paths
        self.files = files
    }

    /// The files shipped in `Resources/Assets`: the site's by default, served under `prefix`.
    public static func bundled(_ names: [String] = ["app.css", "app.js", "icon.svg"], under prefix: String = "/assets/") throws -> Assets {
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        var named: [(String, String, Data)] = []
        for name in names {
            let ext = String(name.split(separator: ".").last!)
            guard let url = Bundle.module.url(forResource: String(name.dropLast(ext.count + 1)), withExtension: ext, subdirectory: "Assets") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Assets/\(name)"])
            }
            named.append((name, types[ext]!, try Data(contentsOf: url)))
        }
        return Assets(files: named, under: prefix)
    }

    public func file(at path: String) -> File? { files[path] }

    public subscript(_ name: String) -> String { paths[name] ?? "/assets/\(name)" }
}
