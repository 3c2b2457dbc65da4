import Foundation

/// A stored cancellation-risk evaluation as a table for a terminal or a closing note.
struct CancellationRiskReport {
    let evaluation: CancellationRiskEvaluation
    let threshold: Double

    var text: String {
        var lines: [String] = []
        for at in evaluation.leadTimes {
            lines.append("test period \(evaluation.period), read \(at.leadTimeMinutes) min ahead: \(at.model.count) departures, "
                         + String(format: "%.2f%% cancelled", at.model.positiveRate * 100))
            lines.append("cancelled                AUC     PR-AUC  log loss  Brier    F1")
            for (name, metrics) in [("model (all features)", at.model), ("schedule + weather", at.scheduleAndWeather),
                                    ("schedule only", at.scheduleOnly), ("prior rate", at.priorRate)] {
                lines.append(String(format: "%-22@  %.4f  %.4f  %.4f    %.5f  %.3f", name as NSString, metrics.auc, metrics.prAuc, metrics.logLoss,
                                    metrics.brier, metrics.f1))
            }
            let confusion = at.model.confusion
            lines.append(String(format: "at threshold %.3f: TP %d  FP %d  TN %d  FN %d  precision %.3f  recall %.3f", threshold,
                                confusion.truePositives, confusion.falsePositives, confusion.trueNegatives, confusion.falseNegatives,
                                confusion.precision, confusion.recall))
            lines.append("calibration (predicted -> observed, departures): " + at.model.calibration.filter { $0.count > 0 }
                .map { String(format: "%.3f->%.3f (%d)", $0.meanPredicted, $0.observedRate, $0.count) }.joined(separator: "  "))
            lines.append("")
        }
        lines.append("features the model leaned on (mean |SHAP|): " + evaluation.importance.prefix(8)
            .map { "\($0.feature) \(String(format: "%.3f", $0.meanAbsoluteContribution))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
