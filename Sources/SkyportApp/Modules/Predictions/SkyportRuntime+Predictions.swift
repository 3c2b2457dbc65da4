import Prediction
import SkyportDomain

extension SkyportRuntime {
    /// Training jobs run in this process, over the 2013 record.
    public var trainingJobs: TrainingJobs { prediction.jobs }
}

extension SkyportRuntime {
    /// Ready when a delay model is champion; degraded (still serving) before the first training.
    func championDelayModel() async -> ModuleHealth {
        let champion = (try? await prediction.registry.resolve(DelayModel.name.rawValue, "champion")) != nil
        return champion ? ModuleHealth(.ready) : ModuleHealth(.degraded, "no champion delay model: run skyport train delay --promote champion")
    }
}
