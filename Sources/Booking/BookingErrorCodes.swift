import SkyportDomain

/// The error codes Booking gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let alreadyRebooked = Self("already_rebooked")
    public static let alternativeMismatch = Self("alternative_mismatch")
    public static let alternativeNoLongerHeld = Self("alternative_no_longer_held")
    public static let alternativeNotFound = Self("alternative_not_found")
    public static let cardExpired = Self("card_expired")
    public static let departureDateBeyondSchedule = Self("departure_date_beyond_schedule")
    public static let departureDateInPast = Self("departure_date_in_past")
    public static let flightClosed = Self("flight_closed")
    public static let idempotencyKeyInUse = Self("idempotency_key_in_use")
    public static let idempotencyKeyReused = Self("idempotency_key_reused")
    public static let invalidAirportCode = Self("invalid_airport_code")
    public static let invalidCabinClass = Self("invalid_cabin_class")
    public static let invalidCardHolder = Self("invalid_card_holder")
    public static let invalidCardNumber = Self("invalid_card_number")
    public static let invalidCVC = Self("invalid_cvc")
    public static let invalidDate = Self("invalid_date")
    public static let invalidExpiry = Self("invalid_expiry")
    public static let invalidMaxOffers = Self("invalid_max_offers")
    public static let invalidPassengerType = Self("invalid_passenger_type")
    public static let invalidSelection = Self("invalid_selection")
    public static let invalidSlices = Self("invalid_slices")
    public static let mixedFareBrands = Self("mixed_fare_brands")
    public static let offerExpired = Self("offer_expired")
    public static let offerNoLongerAvailable = Self("offer_no_longer_available")
    public static let offerNotFound = Self("offer_not_found")
    public static let orderAlreadyCancelled = Self("order_already_cancelled")
    public static let orderAlreadyDeparted = Self("order_already_departed")
    public static let orderNotReadable = Self("order_not_readable")
    public static let passengersDoNotMatchOffer = Self("passengers_do_not_match_offer")
    public static let recordLocatorExhausted = Self("record_locator_exhausted")
    public static let returnBeforeDeparture = Self("return_before_departure")
    public static let sameOriginAndDestination = Self("same_origin_and_destination")
    public static let soldOut = Self("sold_out")
    public static let ticketSerialsExhausted = Self("ticket_serials_exhausted")
    /// A booking class the cabin does not sell.
    public static let invalidBookingClass = Self("invalid_booking_class")
    /// A booking limit below zero or above the cabin's seats.
    public static let invalidBookingLimit = Self("invalid_booking_limit")
    /// An audited change without a reason (or one over 500 characters).
    public static let invalidReason = Self("invalid_reason")
    /// Something costs money and no card was given.
    public static let paymentRequired = Self("payment_required")
    /// Miles for part of a fare that are not a whole number of steps, or worth more than the fare before taxes.
    public static let invalidMiles = Self("invalid_miles")
    /// The offer has no award seats (the award class is closed on one of its flights, or the brand has no awards).
    public static let awardNotAvailable = Self("award_not_available")
    /// Paying with miles needs the member signed in to their own account.
    public static let milesNeedSignIn = Self("miles_need_sign_in")
    /// A seat designator the flight's seat map does not have (or in another cabin).
    public static let seatNotFound = Self("seat_not_found")
    /// A seat another passenger has, or an operator blocked.
    public static let seatUnavailable = Self("seat_unavailable")
    /// A seat this passenger may not sit in (an exit row for a child or an adult with an infant).
    public static let seatNotAllowed = Self("seat_not_allowed")
    /// A seat or bag request that names no passenger or flight of the order, or asks twice.
    public static let invalidServiceRequest = Self("invalid_service_request")
    /// More checked bags than a passenger may have.
    public static let tooManyBags = Self("too_many_bags")
    /// Seats and bags can no longer be changed: the flight has closed, left, or the passenger boarded.
    public static let servicesClosed = Self("services_closed")
    /// The fare allows no change (Economy Basic).
    public static let fareNotChangeable = Self("fare_not_changeable")
    /// The flight to change has closed for changes (within the sales cut-off, checked in for boarding, or flown).
    public static let changeNotPossible = Self("change_not_possible")
    /// A change offer id that is forged, malformed, or for another order.
    public static let orderChangeOfferNotFound = Self("order_change_offer_not_found")
    public static let orderChangeOfferExpired = Self("order_change_offer_expired")
    /// The order changed since the change offer was made; ask for new offers.
    public static let orderChangedSinceOffer = Self("order_changed_since_offer")
    /// Online check-in opens 24 hours before departure.
    public static let checkInNotOpen = Self("check_in_not_open")
    /// Online check-in closed 60 minutes before departure.
    public static let checkInClosed = Self("check_in_closed")
    /// A passenger whose coupon cannot be checked in (boarded, flown, refunded or exchanged).
    public static let checkInNotPossible = Self("check_in_not_possible")
    /// A passenger id that is not one of the order's.
    public static let passengerNotFound = Self("passenger_not_found")
    /// A scanned string that is not a boarding pass Skyport issued (unreadable, or its signature does not match).
    public static let invalidBoardingPass = Self("invalid_boarding_pass")
    /// A boarding pass for another flight than the one boarding.
    public static let wrongFlight = Self("wrong_flight")
    /// The passenger on this pass has boarded already.
    public static let alreadyBoarded = Self("already_boarded")
    /// The passenger on this pass has not checked in (or checked in was undone).
    public static let notCheckedIn = Self("not_checked_in")
    /// A pass replaced by a newer one (the ticket was reissued) or for a refunded coupon.
    public static let boardingPassSuperseded = Self("boarding_pass_superseded")
}
