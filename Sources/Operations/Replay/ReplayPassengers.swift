import SkyportStore

/// The replay's made-up passengers: their names, and how each makes up their mind (the same way on every
/// run of the same day, so two replays of a day tell the same story).
enum ReplayPassengers {
    static let given = ["Ada", "Grace", "Alan", "Minji", "Jiwoo", "Hedy", "Katherine", "Seojun", "Dorothy", "Haneul", "Edsger", "Margaret"]
    static let family = ["Lovelace", "Hopper", "Turing", "Kim", "Park", "Lamarr", "Johnson", "Lee", "Vaughan", "Choi", "Dijkstra", "Hamilton",
                         "Jung", "Liskov", "Yoon", "Knuth", "Kang", "Ritchie"]

    /// A party of `size` (1 to 3) sharing a family name, the `number`th booking of the replay.
    static func party(number: Int, size: Int) -> [(given: String, family: String)] {
        let family = family[number % family.count]
        return (0..<size).map { (given[(number * 5 + $0) % given.count], family) }
    }

    /// A number in [0, 1) that stands for a passenger's mind about `question`.
    static func mind(_ question: String) -> Double {
        let hex = SHA256Hex.digest(question).prefix(8)
        return Double(UInt32(hex, radix: 16) ?? 0) / 4_294_967_296
    }
}
