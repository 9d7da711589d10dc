#include "fisher/child_network.h"

#include <cmath>

#include "childtune/error.h"
#include "fisher/order_statistics.h"

namespace childtune::core {

namespace {

// Empty bool tensors shaped like `like`, and their data pointers for maskAtLeast.
std::pair<std::vector<torch::Tensor>, std::vector<bool*>> emptyMasks(
    const std::vector<torch::Tensor>& like) {
  std::pair<std::vector<torch::Tensor>, std::vector<bool*>> out;
  for (const auto& t : like) {
    out.first.push_back(torch::empty(t.sizes(), torch::kBool));
    out.second.push_back(out.first.back().data_ptr<bool>());
  }
  return out;
}

}  // namespace

bool isMaskableParameter(const std::string& name) {
  return name.find("layer") != std::string::npos;
}

int64_t FisherScores::numElements() const {
  int64_t n = 0;
  for (const auto& s : scores) {
    n += s.numel();
  }
  return n;
}

double percentile(const std::vector<const float*>& chunks, const std::vector<int64_t>& sizes,
                  double q) {
  int64_t n = 0;
  for (const auto s : sizes) {
    n += s;
  }
  if (n == 0) {
    throw Error(ErrorCode::Internal, "percentile of no values");
  }
  if (!(q >= 0.0 && q <= 100.0)) {
    throw Error(ErrorCode::Config, "percentile q must be in [0, 100], got " + std::to_string(q));
  }
  // numpy 1.26, method 'linear': virtual index (n - 1) * q / 100 in double; neighbours a <= b
  // are float32, so their difference is rounded to float32 and the rest is done in double:
  // a + d * g, replaced by b - d * (1 - g) where g >= 0.5 (numpy's _lerp).
  const double qq = q / 100.0;
  const double virtualIndex = static_cast<double>(n - 1) * qq;
  if (virtualIndex >= static_cast<double>(n - 1)) {
    return static_cast<double>(detail::orderStatistics(chunks, sizes, n - 1, 1)[0]);
  }
  const double lower = std::floor(virtualIndex);
  const auto previous = static_cast<int64_t>(lower);
  const double gamma = virtualIndex - lower;
  const auto pair = detail::orderStatistics(chunks, sizes, previous, 2);
  const float a = pair[0];
  const float b = pair[1];
  const float diff = b - a;
  // No FMA contraction here: this file is compiled with -ffp-contract=off (core/CMakeLists.txt).
  if (gamma >= 0.5) {
    return static_cast<double>(b) - static_cast<double>(diff) * (1.0 - gamma);
  }
  return static_cast<double>(a) + static_cast<double>(diff) * gamma;
}
FisherScores estimateFisher(SequenceClassifier& model, const std::vector<Batch>& batches,
                            const FisherOptions& options, const torch::Device& device,
                            const std::function<void(int64_t, int64_t)>& progress,
                            const std::atomic<bool>* stop) {
  int64_t examples = 0;
  for (const auto& b : batches) {
    examples += b.size();
  }
  return estimateFisher(
      model, static_cast<int64_t>(batches.size()), examples,
      [&batches](int64_t i) { return batches[static_cast<size_t>(i)]; }, options, device, progress,
      stop);
}

FisherScores estimateFisher(SequenceClassifier& model, int64_t count, int64_t examples,
                            const std::function<Batch(int64_t)>& batchAt,
                            const FisherOptions& options, const torch::Device& device,
                            const std::function<void(int64_t, int64_t)>& progress,
                            const std::atomic<bool>* stop) {
  if (count <= 0) {
    throw Error(ErrorCode::Data, "Fisher estimation needs at least one training batch");
  }
  FisherScores fisher;
  std::vector<torch::Tensor> params;
  for (const auto& item : model->named_parameters(true)) {
    if (isMaskableParameter(item.key())) {
      fisher.names.push_back(item.key());
      params.push_back(item.value());
      fisher.scores.push_back(torch::zeros_like(item.value()));
    }
  }
  model->train();
  model->zero_grad();
  const bool perExample = options.estimator == FisherEstimator::PerExample;
  const int64_t n = perExample ? examples : count;  // what the scores are averaged over
  int64_t accumulated = 0;
  auto accumulate = [&](const Batch& batch) {
    auto out = model->forward(batch.inputIds, batch.tokenTypeIds, batch.attentionMask);
    auto loss = model->loss(out.logits, batch.labels);
    loss.backward();
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < params.size(); ++i) {
      auto grad = params[i].grad();
      if (!grad.defined()) {
        continue;
      }
      if (!perExample) {
        // torch.nn.utils.clip_grad_norm_(param, max_norm) on this one tensor
        const auto norm = grad.norm(2.0).item<double>();
        const double coef = options.maxGradNorm / (norm + 1e-6);
        if (coef < 1.0) {
          grad.mul_(coef);
        }
      }
      // The released code adds grad^2 / N batch by batch; do the same for exact agreement.
      fisher.scores[i].add_(grad * grad / static_cast<double>(n));
    }
    model->zero_grad();
    ++accumulated;
  };
  const int64_t total = count;
  for (int64_t b = 0; b < total; ++b) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
      throw Error(ErrorCode::Cancelled, "Fisher estimation stopped after " + std::to_string(b) +
                                            " of " + std::to_string(total) + " batches");
    }
    const Batch batch = batchAt(b).to(device);
    if (perExample) {
      for (int64_t e = 0; e < batch.size(); ++e) {
        Batch one;
        one.inputIds = batch.inputIds.narrow(0, e, 1);
        one.tokenTypeIds = batch.tokenTypeIds.narrow(0, e, 1);
        one.attentionMask = batch.attentionMask.narrow(0, e, 1);
        one.labels = batch.labels.narrow(0, e, 1);
        accumulate(one);
      }
    } else {
      accumulate(batch);
    }
    if (progress) {
      progress(b + 1, total);
    }
  }
  fisher.batches = accumulated;
  for (auto& s : fisher.scores) {
    s = s.to(torch::kCPU, torch::kFloat32).contiguous();
  }
  return fisher;
}

ChildNetwork selectChildNetwork(const FisherScores& fisher, double pD, SelectionRule rule,
                                uint64_t seed) {
  if (!(pD > 0.0 && pD <= 1.0)) {
    throw Error(ErrorCode::Config,
                "Child-Tuning_D reserve fraction p_D must be in (0, 1], got " + std::to_string(pD));
  }
  std::vector<torch::Tensor> scores;  // float32, contiguous (no copy when they already are)
  std::vector<const float*> chunks;
  std::vector<int64_t> sizes;
  for (const auto& s : fisher.scores) {
    scores.push_back(s.to(torch::kCPU, torch::kFloat32).contiguous());
    chunks.push_back(scores.back().data_ptr<float>());
    sizes.push_back(s.numel());
  }
  ChildNetwork net;
  net.names = fisher.names;
  net.total = fisher.numElements();
  net.threshold = percentile(chunks, sizes, 100.0 * (1.0 - pD));
  // The released code compares float32 scores with the percentile: torch casts it to float32.
  const auto cut = static_cast<float>(net.threshold);
  auto [masks, maskData] = emptyMasks(scores);
  net.selected = detail::maskAtLeast(chunks, sizes, cut, maskData);
  net.masks = std::move(masks);
  if (rule == SelectionRule::TopFisher) {
    return net;
  }
  // Ablations keep the same number of elements.
  const int64_t want = net.selected;
  std::vector<torch::Tensor> keys;
  if (rule == SelectionRule::LowestFisher) {
    for (const auto& s : scores) {
      keys.push_back(s.neg());
    }
  } else {
    auto generator = at::detail::createCPUGenerator(seed);
    for (const auto& s : scores) {
      keys.push_back(torch::rand(s.sizes(), generator, torch::kFloat32));
    }
  }
  chunks.clear();
  for (const auto& k : keys) {
    chunks.push_back(k.data_ptr<float>());
  }
  const float kth = detail::orderStatistics(chunks, sizes, net.total - want, 1)[0];
  net.selected =
      detail::maskAtLeast(chunks, sizes, kth, maskData);  // overwrites the top-Fisher masks
  return net;
}

}  // namespace childtune::core
