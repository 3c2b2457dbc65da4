import Mustache

// Mustache looks names up with `Mirror` unless a value answers them itself; a results page makes
// thousands of lookups (each miss walks the context stack), so the models of every page answer
// with a switch instead. A name not listed here renders as empty, and the route tests fail.

extension RenderContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": return t
        case "frame": return frame
        case "page": return page
        default: return nil
        }
    }
}

extension Frame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": return lang
        case "title": return title
        case "csrf": return csrf
        case "signedIn": return signedIn
        case "customerName": return customerName
        case "css": return css
        case "js": return js
        case "icon": return icon
        case "switchHref": return switchHref
        case "switchLang": return switchLang
        case "switchName": return switchName
        case "testMode": return testMode
        case "analyticsKey": return analyticsKey
        case "anonymousID": return anonymousID
        case "userID": return userID
        case "tracks": return tracks
        default: return nil
        }
    }
}

extension AnalyticsEvent: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "event": return event
        case "properties": return properties
        case "messageId": return messageId
        default: return nil
        }
    }
}

extension FormField: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "value": return value
        case "error": return error
        default: return nil
        }
    }
}

extension SelectOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "label": return label
        case "selected": return selected
        default: return nil
        }
    }
}

extension HiddenField: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "value": return value
        default: return nil
        }
    }
}

extension ResultsPage.Model: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "route": return route
        case "travellers": return travellers
        case "cabinName": return cabinName
        case "changeHref": return changeHref
        case "strip": return strip
        case "calendarHref": return calendarHref
        case "sorts": return sorts
        case "brands": return brands
        case "slices": return slices
        case "roundTrip": return roundTrip
        case "hidden": return hidden
        case "notice": return notice
        default: return nil
        }
    }
}

extension ResultsPage.DayCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "price": return price
        case "href": return href
        case "current": return current
        default: return nil
        }
    }
}

extension FareCalendarPage.Model: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "route": return route
        case "travellers": return travellers
        case "cabinName": return cabinName
        case "backHref": return backHref
        case "lowestNote": return lowestNote
        case "days": return days
        default: return nil
        }
    }
}

extension FareCalendarPage.Day: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "price": return price
        case "href": return href
        case "lowest": return lowest
        case "current": return current
        default: return nil
        }
    }
}

extension ResultsPage.SortLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        case "current": return current
        default: return nil
        }
    }
}

extension ResultsPage.BrandModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "conditions": return conditions
        default: return nil
        }
    }
}

extension ResultsPage.SliceModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": return heading
        case "inputName": return inputName
        case "rows": return rows
        case "empty": return empty
        default: return nil
        }
    }
}

extension ResultsPage.FlightRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "departTime": return departTime
        case "arriveTime": return arriveTime
        case "nextDay": return nextDay
        case "meta": return meta
        case "fares": return fares
        case "soldOut": return soldOut
        default: return nil
        }
    }
}

extension ResultsPage.FareCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "brandName": return brandName
        case "price": return price
        case "seatsLeft": return seatsLeft
        case "href": return href
        case "inputID": return inputID
        case "inputName": return inputName
        case "inputValue": return inputValue
        case "viewed": return viewed
        default: return nil
        }
    }
}

extension HomePage.Model: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "form": return form
        case "suggestions": return suggestions
        default: return nil
        }
    }
}

extension HomePage.SuggestionModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "route": return route
        case "destinationName": return destinationName
        case "href": return href
        case "price": return price
        case "label": return label
        default: return nil
        }
    }
}

extension SearchFormModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": return from
        case "to": return to
        case "depart": return depart
        case "returnDate": return returnDate
        case "roundTrip": return roundTrip
        case "adults": return adults
        case "children": return children
        case "infants": return infants
        case "passengersError": return passengersError
        case "economy": return economy
        case "business": return business
        case "minDate": return minDate
        case "maxDate": return maxDate
        default: return nil
        }
    }
}

// Seat and bag lists: a seat map page has a few hundred options per passenger and flight.

extension ServiceChoices.Flight: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": return index
        case "heading": return heading
        case "figure": return figure
        case "seats": return seats
        case "bags": return bags
        case "includedBags": return includedBags
        default: return nil
        }
    }
}

extension ServiceChoices.Figure: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": return rows
        case "legend": return legend
        default: return nil
        }
    }
}

extension ServiceChoices.FigureRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "cells": return cells
        default: return nil
        }
    }
}

extension ServiceChoices.FigureCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "letter": return letter
        case "kind": return kind
        default: return nil
        }
    }
}

extension ServiceChoices.LegendItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": return kind
        case "label": return label
        default: return nil
        }
    }
}

extension ServiceChoices.SeatSelect: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "label": return label
        case "groups": return groups
        case "error": return error
        default: return nil
        }
    }
}

extension ServiceChoices.OptionGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "options": return options
        default: return nil
        }
    }
}

extension ServiceChoices.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "label": return label
        case "selected": return selected
        case "price": return price
        default: return nil
        }
    }
}

extension ServiceChoices.BagSelect: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "label": return label
        case "options": return options
        default: return nil
        }
    }
}
