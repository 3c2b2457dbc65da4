import Foundation

/// A stored evaluation as a table for a terminal or a closing note.
public struct EvaluationReport: Sendable {
    let evaluation: DelayModelEvaluation
    let threshold: Double

    public init(evaluation: DelayModelEvaluation, threshold: Double) {
        self.evaluation = evaluation
        self.threshold = threshold
    }

    public var text: String {
        let c = evaluation.classifier
        var lines = ["test period \(evaluation.period), \(c.model.count) departures, \(String(format: "%.1f", c.model.positiveRate * 100))% delayed 15+ min",
                     "",
                     "delayed 15+ min          AUC     PR-AUC  log loss  Brier   F1",
        ]
        for (name, metrics) in [("model (all features)", c.model), ("model, no departures", c.modelWithoutDepartures),
                                ("schedule + weather", c.scheduleAndWeather),
                                ("schedule only", c.scheduleOnly), ("prior rate", c.priorRate)] {
            lines.append(String(format: "%-22@  %.4f  %.4f  %.4f    %.4f  %.3f", name as NSString, metrics.auc, metrics.prAuc, metrics.logLoss, metrics.brier, metrics.f1))
        }
        let confusion = c.model.confusion
        lines.append("")
        lines.append(String(format: "at threshold %.3f (best F1 on validation): TP %d  FP %d  TN %d  FN %d  precision %.3f  recall %.3f",
                            threshold, confusion.truePositives, confusion.falsePositives, confusion.trueNegatives, confusion.falseNegatives,
                            confusion.precision, confusion.recall))
        lines.append("")
        lines.append("expected minutes        MAE     RMSE")
        for (name, metrics) in [("model (all features)", evaluation.minutes.model), ("schedule only", evaluation.minutes.scheduleOnly),
                                ("training median", evaluation.minutes.median)] {
            lines.append(String(format: "%-22@  %6.2f  %6.2f", name as NSString, metrics.mae, metrics.rmse))
        }
        lines.append("")
        lines.append("features the classifier leaned on (mean |SHAP|): " + evaluation.importance.prefix(8)
            .map { "\($0.feature) \(String(format: "%.3f", $0.meanAbsoluteContribution))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
