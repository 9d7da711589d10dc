#include "training_events.h"

#include <mutex>

namespace childtune::app {

void registerTrainingMetaTypes() {
  static std::once_flag once;
  std::call_once(once, [] {
    qRegisterMetaType<core::Phase>();
    qRegisterMetaType<core::StepStats>();
    qRegisterMetaType<core::EvalStats>();
    qRegisterMetaType<core::ChildNetworkStats>();
    qRegisterMetaType<core::RunInputs>();
    qRegisterMetaType<core::CheckpointInfo>();
    qRegisterMetaType<core::FisherSummary>();
    qRegisterMetaType<core::RunResult>();
    qRegisterMetaType<FisherAnalysisPtr>();
    qRegisterMetaType<PackedMasksPtr>();
    qRegisterMetaType<WeightMovementPtr>();
  });
}

}  // namespace childtune::app
