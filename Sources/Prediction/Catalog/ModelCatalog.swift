import SkyportDomain

/// The products this instance knows, by name, in the order they were registered.
public struct ModelCatalog: Sendable {
    public let products: [any ModelProduct]
    private let byName: [ModelName: any ModelProduct]

    /// `products` must have distinct names.
    public init(_ products: [any ModelProduct]) {
        self.products = products
        byName = Dictionary(products.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var names: [ModelName] { products.map(\.name) }

    /// The product of that name, or nil.
    public func product(_ name: ModelName) -> (any ModelProduct)? { byName[name] }

    /// The product a request names (text as it came), or an `unknown_model` error naming the ones there are: `.notFound`
    /// for a name in the URL, `.invalid` for one in a body.
    public func require(_ text: String, kind: ServiceError.Kind = .notFound, field: String? = "model") throws -> any ModelProduct {
        guard let name = ModelName(rawValue: text), let product = byName[name] else {
            throw ServiceError(kind, code: .unknownModel,
                               message: "There is no model \"\(text.prefix(60))\"; the models are \(names.map(\.rawValue).joined(separator: ", ")).",
                               field: field)
        }
        return product
    }
}
