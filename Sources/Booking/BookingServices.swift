import Logging
import SkyportDomain
import SkyportStore

/// The booking engine's services over one database, built together so that they share the
/// network directory and the signing key.
public struct BookingServices: Sendable {
    public let database: any Database
    public let network: NetworkDirectory
    public let tokens: OfferToken
    public let access: OrderAccess
    public let shopping: ShoppingService
    public let orders: OrderService
    public let repository: OrderRepository
    public let cancellations: CancellationService
    /// Holds, rebookings and involuntary refunds for disruptions.
    public let changes: OrderChangeService
    /// Booking limits, the optimizer's forecasts and operators' overrides.
    public let inventory: InventoryControls
    /// Seat maps, and seats and bags chosen after the purchase.
    public let seatsAndBags: SeatsAndBagsService
    /// Changes passengers make themselves: change offers and their confirmation.
    public let voluntaryChanges: VoluntaryChangeService
    /// Online check-in, boarding passes and the gate's scans.
    public let checkIn: CheckInService

    /// `secret` signs offer ids and order access tokens; `accountingCode` starts every e-ticket number. `miles` (the
    /// loyalty programme's processor) and `loyalty` (its award chart, what miles pay and are worth) let members pay with miles;
    /// `benefits` gives bookings made from a member's account their tier's extra bags.
    public init(database: any Database, secret: String, payments: any PaymentProcessor, accountingCode: String,
                clock: BookingClock, logger: Logger, pricing: FarePricing = FarePricing(currency: .usd),
                miles: (any PaymentProcessor)? = nil, loyalty: LoyaltyProgramme? = nil, benefits: (any MemberBenefitsProvider)? = nil) {
        let gateway = PaymentGateway(card: payments, miles: miles)
        let loyalty = miles == nil ? nil : loyalty
        let signer = Signer(secret: secret)
        let network = NetworkDirectory(database: database)
        let tokens = OfferToken(signer: signer)
        let access = OrderAccess(signer: signer)
        self.database = database
        self.network = network
        self.tokens = tokens
        self.access = access
        shopping = ShoppingService(database: database, network: network, tokens: tokens, pricing: pricing, clock: clock, loyalty: loyalty)
        orders = OrderService(database: database, network: network, tokens: tokens, access: access, pricing: pricing,
                              payments: gateway, loyalty: loyalty, benefits: benefits, accountingCode: accountingCode, clock: clock, logger: logger)
        repository = OrderRepository(database: database, network: network)
        cancellations = CancellationService(database: database, payments: gateway, clock: clock, logger: logger)
        inventory = InventoryControls(database: database, pricing: pricing, clock: clock)
        seatsAndBags = SeatsAndBagsService(database: database, tokens: tokens, payments: gateway, repository: repository, clock: clock, logger: logger)
        voluntaryChanges = VoluntaryChangeService(database: database, network: network, signer: signer, pricing: pricing, payments: gateway,
                                                  accountingCode: accountingCode, clock: clock, logger: logger)
        checkIn = CheckInService(database: database, network: network, signer: signer, clock: clock, logger: logger)
        changes = OrderChangeService(database: database, cancellations: cancellations, payments: gateway, accountingCode: accountingCode,
                                     clock: clock, logger: logger)
    }
}
