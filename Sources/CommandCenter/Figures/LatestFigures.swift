import Synchronization

/// The figures measured last, shared by the evaluation loop that writes them and the pages that read them.
final class LatestFigures: Sendable {
    private let state = Mutex<(figures: OperationalFigures?, modelSampledAt: Int64?)>((nil, nil))

    var figures: OperationalFigures? { state.withLock { $0.figures } }
    var modelSampledAt: Int64? { state.withLock { $0.modelSampledAt } }

    func store(_ figures: OperationalFigures, modelSampledAt: Int64?) {
        state.withLock { $0 = (figures, modelSampledAt) }
    }
}
