#include "train/batch.h"

#include <algorithm>

#include "childtune/error.h"

namespace childtune::core {

Batch Batch::to(const torch::Device& device) const {
  Batch b;
  b.inputIds = inputIds.to(device);
  b.tokenTypeIds = tokenTypeIds.to(device);
  b.attentionMask = attentionMask.to(device);
  b.labels = labels.to(device);
  b.numTokens = numTokens;
  return b;
}

int64_t padMultipleFor(const torch::Device& device) { return device.is_cuda() ? 8 : 1; }

Batch collate(const std::vector<const Encoding*>& encodings, const std::vector<int64_t>& classIds,
              const std::vector<float>& scores, bool regression, int64_t padId, int64_t padTo,
              int64_t padMultiple) {
  if (encodings.empty()) {
    throw Error(ErrorCode::Internal, "collate: empty batch");
  }
  const auto b = static_cast<int64_t>(encodings.size());
  int64_t t = 0;
  for (const auto* e : encodings) {
    t = std::max<int64_t>(t, static_cast<int64_t>(e->ids.size()));
  }
  if (padTo > 0) {
    t = std::max(t, padTo);
  }
  if (padMultiple > 1) {
    t = (t + padMultiple - 1) / padMultiple * padMultiple;
  }
  auto ids = torch::full({b, t}, padId, torch::kInt64);
  auto types = torch::zeros({b, t}, torch::kInt64);
  auto mask = torch::zeros({b, t}, torch::kInt64);
  auto idsA = ids.accessor<int64_t, 2>();
  auto typesA = types.accessor<int64_t, 2>();
  auto maskA = mask.accessor<int64_t, 2>();
  Batch batch;
  for (int64_t i = 0; i < b; ++i) {
    const auto& e = *encodings[static_cast<size_t>(i)];
    for (size_t j = 0; j < e.ids.size(); ++j) {
      const auto jj = static_cast<int64_t>(j);
      idsA[i][jj] = e.ids[j];
      typesA[i][jj] = e.typeIds[j];
      maskA[i][jj] = 1;
    }
    batch.numTokens += static_cast<int64_t>(e.ids.size());
  }
  batch.inputIds = ids;
  batch.tokenTypeIds = types;
  batch.attentionMask = mask;
  if (regression) {
    batch.labels = torch::tensor(scores, torch::kFloat32);
  } else {
    batch.labels = torch::tensor(classIds, torch::kInt64);
  }
  if (batch.labels.size(0) != b) {
    throw Error(ErrorCode::Internal, "collate: labels do not match the batch size");
  }
  return batch;
}

}  // namespace childtune::core
