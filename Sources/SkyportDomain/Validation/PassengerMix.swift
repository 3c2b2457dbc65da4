/// Rules on who may travel together in one booking.
public enum PassengerMix {
    public static let maximumPassengers = 9

    /// Issues with a party of these types; empty when it can be booked. `field` names the list.
    public static func issues(for types: [PassengerType], field: String = "passengers") -> [ValidationIssue] {
        let adults = types.filter { $0 == .adult }.count
        let infants = types.filter { $0 == .infantWithoutSeat }.count
        if types.isEmpty {
            return [ValidationIssue(code: .noPassengers, field: field, message: "At least one passenger is needed.")]
        }
        var issues: [ValidationIssue] = []
        if types.count > maximumPassengers {
            issues.append(ValidationIssue(code: .tooManyPassengers, field: field,
                                          message: "A booking holds at most \(maximumPassengers) passengers."))
        }
        if adults == 0 {
            issues.append(ValidationIssue(code: .adultRequired, field: field,
                                          message: "Children and infants travel with at least one adult."))
        }
        if infants > adults {
            issues.append(ValidationIssue(code: .tooManyInfants, field: field,
                                          message: "Each infant without a seat travels on the lap of a different adult."))
        }
        return issues
    }

    /// Whole years between `birth` and `date`.
    public static func age(bornOn birth: LocalDate, on date: LocalDate) -> Int {
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    /// Checks a passenger's birth date against its type on the day of the last flight.
    /// Children are 2 to 11, infants under 2; adults 12 or older.
    public static func birthDateIssue(type: PassengerType, birthDate: LocalDate?, firstTravelDate: LocalDate,
                                      lastTravelDate: LocalDate, today: LocalDate, field: String) -> ValidationIssue? {
        guard let birthDate else {
            if type == .adult { return nil }
            return ValidationIssue(code: .birthDateRequired, field: field,
                                   message: "A birth date is needed for children and infants.")
        }
        if birthDate > today {
            return ValidationIssue(code: .invalidBirthDate, field: field, message: "The birth date is in the future.")
        }
        let ageAtEnd = age(bornOn: birthDate, on: lastTravelDate)
        switch type {
        case .adult where ageAtEnd < 12:
            return ValidationIssue(code: .passengerTypeMismatch, field: field, message: "An adult is 12 or older on the day of travel.")
        case .child where !(2...11).contains(age(bornOn: birthDate, on: firstTravelDate)):
            return ValidationIssue(code: .passengerTypeMismatch, field: field, message: "A child is 2 to 11 years old on the day of travel.")
        case .infantWithoutSeat where ageAtEnd >= 2:
            return ValidationIssue(code: .passengerTypeMismatch, field: field, message: "An infant without a seat is under 2 on every day of travel.")
        default:
            return nil
        }
    }
}
