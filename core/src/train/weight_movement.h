#pragma once
// Measuring how far a trained model moved from its pretrained weights (see
// childtune/weight_movement.h for the values).

#include <cstdint>

#include "childtune/model_info.h"
#include "childtune/weight_movement.h"
#include "model/transformer.h"

namespace childtune::core {

// Compares every parameter of `model` (any device) with the tensor of the same name in the
// pretrained checkpoint `files` (names matched like the loader does). Memory: the pretrained
// tensors are read from the memory-mapped files one at a time and released after use, so the
// peak extra memory is about three float32 copies of the largest tensor (the word embeddings),
// never a second copy of the model. Time: a few passes over the weights (about a second for
// MiniLM on a laptop CPU). Parameters missing from the checkpoint or stored with another shape
// (a fresh classifier head) are listed in notPretrained. Throws Error{Io/Data} when a
// checkpoint file cannot be read, naming it.
WeightMovement measureWeightMovement(SequenceClassifier& model, const ModelFiles& files,
                                     int64_t step);

}  // namespace childtune::core
