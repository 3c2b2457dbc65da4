// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "skyport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skyport", targets: ["skyport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // Already in the graph through the packages above; named so that targets may import them.
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
    ],
    targets: [
        // Pure domain rules: no IO, Foundation only.
        .target(name: "SkyportDomain", swiftSettings: strict),
        // What modules tell each other: outbox topics and their payloads, one type each (Foundation only).
        .target(name: "SkyportContracts", swiftSettings: strict),
        // Persistence over SQLKit for SQLite and PostgreSQL.
        .target(
            name: "SkyportStore",
            dependencies: [
                "SkyportDomain", "SkyportContracts", "CZlib",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Shopping, ordering, payments, ticketing, cancellations, network data import.
        .target(
            name: "Booking",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Statistical forecasting: exponential smoothing, the airline SARIMA model, rolling-origin backtests (pure Swift).
        .target(name: "Forecasting", swiftSettings: strict),
        // Revenue management: EMSR-b, pickup forecasts, inventory policies and the booking simulation (pure Swift).
        .target(
            name: "RevenueManagement",
            dependencies: ["Forecasting", "SkyportDomain", "SkyportStore", "Booking", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // libxgboost's C API (Debian: libxgboost-dev, pkg-config `xgboost`).
        // The system's zlib, for gzip and deflate request bodies (analytics clients compress their batches).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CXGBoost", pkgConfig: "xgboost", providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]),
        // A small safe Swift layer over CXGBoost: matrices, boosters, training rounds, predictions, saving.
        .target(name: "XGBoost", dependencies: ["CXGBoost"], swiftSettings: strict),
        // Debian's libzint (libzint-dev; no pkg-config file): PDF417 and QR codes for boarding passes.
        .systemLibrary(name: "CZint", providers: [.apt(["libzint-dev"]), .brew(["zint"])]),
        // Barcodes drawn from libzint's modules: SVG, PNG (through zlib) and PDF.
        .target(name: "Barcodes", dependencies: ["CZint", "CZlib"], swiftSettings: strict),
        // The ML platform: delay features, training, evaluation, model registry, serving, drift.
        .target(
            name: "Prediction",
            dependencies: [
                "SkyportDomain", "SkyportStore", "XGBoost", "Forecasting",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The customer data platform: Segment-compatible collection (identity, profiles, segments to come).
        .target(
            name: "CustomerData",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        // Operations: weather, disruptions, notifications and rebooking.
        .target(
            name: "Operations",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts", "Prediction", "Booking", "Accounts",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources/Messages")],
            swiftSettings: strict
        ),
        // Revenue accounting: the double-entry ledger posted from the booking engine's sales documents, its reports and closes.
        .target(
            name: "Accounting",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The loyalty programme: members, miles credited from flown coupons, tiers, expiry, retro-claims.
        .target(
            name: "Loyalty",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Customer accounts: sign-up, sign-in (bcrypt, rate-limited), sessions, profiles.
        .target(
            name: "Accounts",
            dependencies: [
                "SkyportDomain", "SkyportStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        // The command center: request figures and health of every instance, business figures, alerts, objectives.
        // The fleet's engines: sensor history, remaining life on the calendar (issue 18).
        .target(
            name: "Maintenance",
            dependencies: ["SkyportDomain", "SkyportStore", "SkyportContracts", "Prediction", "Booking", "Operations", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .target(
            name: "CommandCenter",
            dependencies: [
                "SkyportDomain", "SkyportStore", "Prediction", "Operations", "Booking", "CustomerData", "Accounting",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // HTTP edge: JSON API, middleware, metrics, OpenAPI document.
        .target(
            name: "SkyportHTTP",
            dependencies: [
                "SkyportDomain", "SkyportStore", "Booking", "Accounts", "Prediction", "CustomerData", "Operations", "CommandCenter", "Maintenance", "Accounting", "Loyalty", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: strict
        ),
        // The customer web site: server-rendered pages, forms, sessions, English and Korean.
        .target(
            name: "SkyportWeb",
            dependencies: [
                "SkyportDomain", "SkyportStore", "SkyportContracts", "Booking", "Accounts", "SkyportHTTP", "Operations", "CommandCenter", "Prediction", "Maintenance", "Barcodes",
                "Accounting", "Loyalty",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Assets"), .copy("Resources/Locales")],
            swiftSettings: strict
        ),
        // Configuration and wiring: the only module that picks live implementations.
        .target(
            name: "SkyportApp",
            dependencies: [
                "SkyportDomain", "SkyportStore", "Booking", "SkyportHTTP", "Accounts", "SkyportWeb", "Prediction", "CustomerData", "Operations",
                "CommandCenter", "Maintenance", "RevenueManagement", "Accounting", "Loyalty",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "skyport",
            dependencies: [
                "SkyportApp", "Booking", "SkyportStore", "Prediction", "SkyportDomain", "Accounts", "CustomerData", "Operations", "Maintenance", "RevenueManagement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `make bench`: from one weather observation to 1,000 passengers' notifications queued.
        .executableTarget(
            name: "operations-benchmark",
            dependencies: ["Operations", "Booking", "Prediction", "SkyportDomain", "SkyportStore", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/OperationsBenchmark",
            swiftSettings: strict
        ),
        // `make bench`: posting throughput into the ledger and a year's reports, beside orders/s through the engine.
        .executableTarget(
            name: "accounting-benchmark",
            dependencies: ["Accounting", "Booking", "RevenueManagement", "SkyportContracts", "SkyportDomain", "SkyportStore", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/AccountingBenchmark",
            swiftSettings: strict
        ),
        // Shared by the test targets and the benchmarks: fresh databases on each engine and a small fixture network.
        .target(
            name: "SkyportTestSupport",
            dependencies: ["SkyportDomain", "SkyportContracts", "SkyportStore", "Booking", "XGBoost", "Prediction", "Operations", "SkyportApp",
                           .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "PostgresKit", package: "postgres-kit"), .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOExtras", package: "swift-nio-extras"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl")],
            path: "Tests/SkyportTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CustomerDataTests",
            dependencies: ["CustomerData", "SkyportStore", "SkyportDomain", "SkyportContracts", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OperationsTests",
            dependencies: ["Operations", "Prediction", "Booking", "Maintenance", "SkyportStore", "SkyportDomain", "SkyportContracts", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CommandCenterTests",
            dependencies: ["CommandCenter", "Operations", "Prediction", "Booking", "SkyportStore", "SkyportDomain", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MaintenanceTests",
            dependencies: ["Maintenance", "Prediction", "Booking", "SkyportStore", "SkyportDomain", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AccountingTests",
            dependencies: ["Accounting", "Booking", "Operations", "Prediction", "RevenueManagement", "SkyportApp", "SkyportStore", "SkyportDomain", "SkyportContracts", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LoyaltyTests",
            dependencies: ["Loyalty", "Accounting", "Accounts", "Booking", "SkyportApp", "SkyportStore", "SkyportDomain", "SkyportContracts", "SkyportTestSupport",
                           .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "XGBoostTests", dependencies: ["XGBoost"], swiftSettings: strict),
        .testTarget(name: "BarcodesTests", dependencies: ["Barcodes"], swiftSettings: strict),
        .testTarget(
            name: "PredictionTests",
            dependencies: ["Prediction", "XGBoost", "SkyportStore", "SkyportDomain", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RevenueManagementTests",
            dependencies: ["RevenueManagement", "Booking", "SkyportDomain", "SkyportStore", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "SkyportDomain"], swiftSettings: strict),
        .testTarget(name: "SkyportDomainTests", dependencies: ["SkyportDomain", "SkyportTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SkyportStoreTests",
            dependencies: ["SkyportStore", "SkyportDomain", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BookingTests",
            dependencies: ["Booking", "SkyportStore", "SkyportDomain", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AccountsTests",
            dependencies: ["Accounts", "SkyportStore", "SkyportDomain", "SkyportTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SkyportWebTests",
            dependencies: [
                "SkyportWeb", "SkyportHTTP", "SkyportApp", "Accounts", "Booking", "CommandCenter", "Maintenance", "Prediction", "SkyportStore", "SkyportDomain", "SkyportTestSupport", "Accounting", "Loyalty",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SkyportHTTPTests",
            dependencies: [
                "SkyportHTTP", "SkyportApp", "Prediction", "Accounts", "CustomerData", "Booking", "Operations", "CommandCenter", "Maintenance", "SkyportStore", "SkyportDomain",
                "SkyportTestSupport", "SkyportContracts", "CZlib",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
    ]
)
