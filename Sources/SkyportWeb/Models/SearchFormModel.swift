import SkyportDomain

/// The search form, filled with a search and its errors.
struct SearchFormModel {
    let from: FormField
    let to: FormField
    let depart: FormField
    let returnDate: FormField
    let roundTrip: Bool
    let adults: [SelectOption]
    let children: [SelectOption]
    let infants: [SelectOption]
    let passengersError: String?
    let economy: Bool
    let business: Bool
    let minDate: String
    let maxDate: String

    init(_ search: SearchQuery, errors: [String: String], today: LocalDate, lastDate: LocalDate?) {
        from = FormField("from", search.from, errors: errors)
        to = FormField("to", search.to, errors: errors)
        depart = FormField("depart", search.depart, errors: errors)
        returnDate = FormField("return", search.returnDate, errors: errors)
        roundTrip = search.roundTrip
        func options(_ range: ClosedRange<Int>, _ selected: Int) -> [SelectOption] {
            range.map { SelectOption(value: "\($0)", label: "\($0)", selected: $0 == selected) }
        }
        adults = options(1...9, search.adults)
        children = options(0...8, search.children)
        infants = options(0...4, search.infants)
        passengersError = errors["adults"] ?? errors["children"] ?? errors["infants"]
        economy = search.cabin != "business"
        business = search.cabin == "business"
        minDate = today.iso
        maxDate = (lastDate ?? today.adding(days: 330)).iso
    }
}
