import Foundation
import SkyportDomain

/// The fixture network with a storm in its 2013 record, for replays: on 10 December 2013 JFK reports
/// blizzard conditions from 05:00 to 13:00 local, UA500 was cancelled, UA100 left 150 and B6400 110 minutes late.
public enum StormFixture {
    public static let day = LocalDate(year: 2013, month: 12, day: 10)!

    /// Writes the CSVs into a new temporary directory and returns it.
    public static func writeCSVs() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-replay-\(UUID().uuidString)")
        try FixtureNetwork.writeCSVs(to: directory)
        let flightsURL = directory.appendingPathComponent("flights.csv")
        let late = ["UA,100": "150", "B6,400": "110", "UA,500": "NA"]
        let flights = try String(contentsOf: flightsURL, encoding: .utf8).split(separator: "\n").map { line -> String in
            guard line.hasPrefix("2013,12,10,"), let key = late.keys.first(where: { line.contains(",\($0),") }) else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let delay = late[key]!
            if delay == "NA" {
                fields[3] = "NA"; fields[5] = "NA"; fields[6] = "NA"; fields[8] = "NA"
            } else {
                let scheduled = Int(fields[4])!, minutes = (scheduled / 100) * 60 + scheduled % 100 + Int(delay)!
                fields[3] = String((minutes / 60) * 100 + minutes % 60); fields[5] = delay; fields[8] = delay
            }
            return fields.joined(separator: ",")
        }
        try (flights.joined(separator: "\n") + "\n").write(to: flightsURL, atomically: true, encoding: .utf8)
        let weatherURL = directory.appendingPathComponent("weather.csv")
        var weather = try String(contentsOf: weatherURL, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("JFK,2013,12,10,") }
        for hour in 0..<24 {
            let storm = (5...13).contains(hour) ? 1.0 : 0.0
            let utc = day.adding(days: (hour + 5) / 24).iso + "T" + (((hour + 5) % 24) < 10 ? "0" : "") + "\((hour + 5) % 24):00:00Z"
            weather.append("JFK,2013,12,10,\(hour),\(40 - 10 * storm),30,\(60 + 35 * storm),20,\(5 + 25 * storm),\(storm > 0 ? "55" : "NA"),"
                           + "\(0.1 * storm),\(1015 - 20 * storm),\(max(0.25, 10 - 12 * storm)),\(utc)")
        }
        try (weather.joined(separator: "\n") + "\n").write(to: weatherURL, atomically: true, encoding: .utf8)
        return directory
    }
}
