/// Airports the 2013 flights fly to that the data set's airport table lacks (its source covers the
/// 50 states only). Positions and zones from the airports' published data; marked synthesized.
enum SupplementaryAirports {
    struct Entry {
        let code: String, name: String, latitude: Double, longitude: Double, altitudeFt: Int, timeZone: String
    }

    static let all: [Entry] = [
        Entry(code: "SJU", name: "Luis Munoz Marin International Airport", latitude: 18.4394, longitude: -66.0018, altitudeFt: 9, timeZone: "America/Puerto_Rico"),
        Entry(code: "BQN", name: "Rafael Hernandez Airport", latitude: 18.4949, longitude: -67.1294, altitudeFt: 237, timeZone: "America/Puerto_Rico"),
        Entry(code: "PSE", name: "Mercedita Airport", latitude: 18.0083, longitude: -66.5630, altitudeFt: 29, timeZone: "America/Puerto_Rico"),
        Entry(code: "STT", name: "Cyril E. King Airport", latitude: 18.3373, longitude: -64.9734, altitudeFt: 23, timeZone: "America/St_Thomas"),
    ]
}
