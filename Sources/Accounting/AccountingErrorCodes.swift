import SkyportDomain

/// The error codes revenue accounting gives.
extension ServiceError.Code {
    /// A period is `YYYY-MM`.
    public static let invalidPeriod = Self("invalid_period")
    /// A period can be closed once it has ended.
    public static let periodNotEnded = Self("period_not_ended")
    public static let periodAlreadyClosed = Self("period_already_closed")
    /// An earlier period is still open: months close in order.
    public static let earlierPeriodOpen = Self("earlier_period_open")
    /// Events of the period are not posted yet: the ledger must catch up before a close.
    public static let ledgerBehind = Self("ledger_behind")
    public static let invalidDate = Self("invalid_date")
    public static let invalidExportFormat = Self("invalid_export_format")
    /// The payment processor gives no settlement report to reconcile the ledger with.
    public static let settlementReportUnavailable = Self("settlement_report_unavailable")
    /// A processor name the reconciliation has no settlement report for.
    public static let unknownProcessor = Self("unknown_processor")
}

extension ServiceModule {
    /// Revenue accounting: the ledger, its reports, period closes and exports.
    public static let accounting = ServiceModule("accounting")
}
