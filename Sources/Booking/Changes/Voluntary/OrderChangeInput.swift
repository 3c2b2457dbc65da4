/// The body of `POST /v1/order-change-requests`, in the shape of Duffel's order change requests: the slice to remove
/// (by its flight) and the date to fly it on instead. Fields optional so that each gets a precise error.
public struct OrderChangeRequestInput: Decodable, Sendable {
    public struct Slices: Decodable, Sendable {
        public struct Remove: Decodable, Sendable {
            public var flightId: String?
            public init(flightId: String?) { self.flightId = flightId }
        }

        public struct Add: Decodable, Sendable {
            public var departureDate: String?
            public init(departureDate: String?) { self.departureDate = departureDate }
        }

        public var remove: [Remove]?
        public var add: [Add]?
        public init(remove: [Remove]?, add: [Add]?) {
            self.remove = remove
            self.add = add
        }
    }

    public var orderId: String?
    public var slices: Slices?

    public init(orderId: String?, slices: Slices?) {
        self.orderId = orderId
        self.slices = slices
    }
}

/// The body of `POST /v1/order-changes`: the chosen change offer, and a card when it costs something.
public struct OrderChangeInput: Decodable, Sendable {
    public var selectedOrderChangeOffer: String?
    public var payment: OrderInput.Payment?

    public init(selectedOrderChangeOffer: String?, payment: OrderInput.Payment?) {
        self.selectedOrderChangeOffer = selectedOrderChangeOffer
        self.payment = payment
    }
}
