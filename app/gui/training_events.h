#pragma once
// The value types that cross from the training thread to the GUI thread in queued signals,
// registered as Qt metatypes. Only copyable, torch-free values: never a tensor.

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "childtune/fisher_summary.h"
#include "childtune/trainer.h"
#include "childtune/training_observer.h"

namespace childtune::app {

// Generation id of a run: increases by one for every run a controller starts, so an event that
// still arrives from an earlier run can be recognised and dropped. 0 means "no run".
using RunId = quint64;

using FisherAnalysisPtr = std::shared_ptr<const core::FisherAnalysis>;
using PackedMasksPtr = std::shared_ptr<const std::vector<core::PackedMask>>;
// Shared and immutable: one copy of the per-tensor list for every receiver.
using WeightMovementPtr = std::shared_ptr<const core::WeightMovement>;

// Registers the types below for queued connections. Idempotent; call before the first connect.
void registerTrainingMetaTypes();

}  // namespace childtune::app

Q_DECLARE_METATYPE(childtune::core::Phase)
Q_DECLARE_METATYPE(childtune::core::StepStats)
Q_DECLARE_METATYPE(childtune::core::EvalStats)
Q_DECLARE_METATYPE(childtune::core::ChildNetworkStats)
Q_DECLARE_METATYPE(childtune::core::RunInputs)
Q_DECLARE_METATYPE(childtune::core::CheckpointInfo)
Q_DECLARE_METATYPE(childtune::core::FisherSummary)
Q_DECLARE_METATYPE(childtune::core::RunResult)
Q_DECLARE_METATYPE(childtune::app::FisherAnalysisPtr)
Q_DECLARE_METATYPE(childtune::app::PackedMasksPtr)
Q_DECLARE_METATYPE(childtune::app::WeightMovementPtr)
