import Foundation

/// Checks JSON values against the schemas of the OpenAPI document (the subset it uses: `$ref`,
/// `allOf`, `anyOf`, `type`, `properties`, `required`, `items`, `enum`, `pattern`, `minItems`), and reports
/// properties a response has that the document does not describe. Immutable after init.
struct JSONSchemaValidator: @unchecked Sendable {
    let document: [String: Any]

    init(documentData: Data) {
        document = (try? JSONSerialization.jsonObject(with: documentData)) as? [String: Any] ?? [:]
    }

    /// Problems of `value` against the schema named `name` in `components/schemas`; empty when it conforms.
    func problems(_ value: Any, against name: String) -> [String] {
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        guard schemas[name] != nil else { return ["the document has no schema \(name)"] }
        return problems(value, schema: ["$ref": "#/components/schemas/\(name)"], path: "$")
    }

    private func resolve(_ reference: String) -> [String: Any] {
        let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
        let schemas = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
        return schemas[name] as? [String: Any] ?? [:]
    }

    private func problems(_ value: Any, schema: [String: Any], path: String) -> [String] {
        if let reference = schema["$ref"] as? String { return problems(value, schema: resolve(reference), path: path) }
        if let parts = schema["allOf"] as? [[String: Any]] {
            // Merge the parts so that properties of one are not "undocumented" for another.
            var merged: [String: Any] = ["type": "object", "properties": [String: Any](), "required": [String]()]
            for part in parts {
                let resolved = (part["$ref"] as? String).map(resolve) ?? part
                merged["properties"] = (merged["properties"] as! [String: Any]).merging(resolved["properties"] as? [String: Any] ?? [:]) { $1 }
                merged["required"] = (merged["required"] as! [String]) + (resolved["required"] as? [String] ?? [])
            }
            return problems(value, schema: merged, path: path)
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            let outcomes = options.map { problems(value, schema: $0, path: path) }
            return outcomes.contains { $0.isEmpty } ? [] : ["\(path): matches none of its anyOf: " + outcomes.compactMap(\.first).joined(separator: "; ")]
        }
        var found: [String] = []
        if let options = schema["enum"] as? [String], let string = value as? String, !options.contains(string) {
            found.append("\(path): \(string) is not one of \(options)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path).\(key): required but missing") }
            for (key, child) in object {
                guard let childSchema = properties[key] as? [String: Any] else {
                    if !properties.isEmpty { found.append("\(path).\(key): not in the document") }
                    continue
                }
                found += problems(child, schema: childSchema, path: "\(path).\(key)")
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            if let minimum = schema["minItems"] as? Int, array.count < minimum { found.append("\(path): fewer than \(minimum) items") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { found += problems(item, schema: items, path: "\(path)[\(index)]") }
            }
        case "string":
            guard let string = value as? String else { return ["\(path): expected a string"] }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(string)' does not match \(pattern)")
            }
        case "integer":
            if !(value is Int) { found.append("\(path): expected an integer") }
        case "number":
            if !(value is Double || value is Int) { found.append("\(path): expected a number") }
        case "boolean":
            if !(value is Bool) { found.append("\(path): expected a boolean") }
        default:
            break
        }
        return found
    }
}
