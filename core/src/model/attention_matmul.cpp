#include "model/attention_matmul.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

#include "childtune/error.h"
#include "model/fast_dropout.h"

namespace childtune::core {

namespace {

// Fortran BLAS sgemm with 32-bit integers (OpenBLAS's LP64 build).
using SgemmFn = void (*)(const char* transa, const char* transb, const int* m, const int* n,
                         const int* k, const float* alpha, const float* a, const int* lda,
                         const float* b, const int* ldb, const float* beta, float* c,
                         const int* ldc);

SgemmFn sgemm() {
  static const SgemmFn fn = [] {
    // openblas_get_config is only in OpenBLAS's 32-bit-integer build (the 64-bit one suffixes
    // every symbol), so sgemm_ next to it takes int arguments.
    if (dlsym(RTLD_DEFAULT, "openblas_get_config") == nullptr) {
      return SgemmFn{nullptr};
    }
    return reinterpret_cast<SgemmFn>(dlsym(RTLD_DEFAULT, "sgemm_"));
  }();
  return fn;
}

// Row-major C (m x n, ldc) = alpha op(A) op(B) + beta C; op(A) is m x k: A itself (m x k, lda)
// or, with transA, the transpose of A stored k x m. Column-major BLAS computes C^T.
void gemmRowMajor(bool transA, bool transB, int m, int n, int k, float alpha, const float* a,
                  int lda, const float* b, int ldb, float beta, float* c, int ldc) {
  const char opA = transA ? 'T' : 'N';
  const char opB = transB ? 'T' : 'N';
  sgemm()(&opB, &opA, &n, &m, &k, &alpha, b, &ldb, a, &lda, &beta, c, &ldc);
}

// One operand's per-matrix layout for gemmRowMajor: a (rows x cols) row-major matrix with
// leading dimension ld, or (transposed) the transpose of a row-major (cols x rows) one.
struct Operand {
  torch::Tensor tensor;  // the operand, or a contiguous copy when its strides did not fit
  bool transposed = false;
  int ld = 0;
};

bool fitsInt(int64_t v) { return v >= 0 && v <= INT_MAX; }

Operand describe(const torch::Tensor& x) {
  const int64_t rows = x.size(2);
  const int64_t cols = x.size(3);
  const int64_t s2 = x.stride(2);
  const int64_t s3 = x.stride(3);
  if ((s3 == 1 || cols == 1) && (rows == 1 || s2 >= cols) && fitsInt(s2)) {
    return {x, false, static_cast<int>(rows == 1 ? std::max<int64_t>(cols, 1) : s2)};
  }
  if ((s2 == 1 || rows == 1) && (cols == 1 || s3 >= rows) && fitsInt(s3)) {
    return {x, true, static_cast<int>(cols == 1 ? std::max<int64_t>(rows, 1) : s3)};
  }
  auto c = x.contiguous();
  return {c, false, static_cast<int>(std::max<int64_t>(cols, 1))};
}

bool usable(const torch::Tensor& a, const torch::Tensor& b) {
  return sgemm() != nullptr && a.device().is_cpu() && b.device().is_cpu() &&
         a.scalar_type() == torch::kFloat32 && b.scalar_type() == torch::kFloat32 && a.dim() == 4 &&
         b.dim() == 4 && a.size(0) == b.size(0) && a.size(1) == b.size(1) &&
         a.size(3) == b.size(2) && fitsInt(a.size(2)) && fitsInt(a.size(3)) && fitsInt(b.size(3));
}

// alpha * a @ b into a fresh tensor; `tokenMajor`: its memory is (B, m, H, n) (the layout of
// (B, T, heads, headDim) activations), returned as the (B, H, m, n) view.
torch::Tensor product(const torch::Tensor& a, const torch::Tensor& b, float alpha,
                      bool tokenMajor) {
  const auto B = a.size(0);
  const auto H = a.size(1);
  const auto m = a.size(2);
  const auto n = b.size(3);
  torch::Tensor out = tokenMajor ? torch::empty({B, m, H, n}, a.options()).transpose(1, 2)
                                 : torch::empty({B, H, m, n}, a.options());
  batchedGemm(a, b, out, alpha);
  return out;
}

class AttentionMatmulFunction : public torch::autograd::Function<AttentionMatmulFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& a,
                               const torch::Tensor& b, double alpha) {
    ctx->save_for_backward({a, b});
    ctx->saved_data["alpha"] = alpha;
    return product(a, b, static_cast<float>(alpha), /*tokenMajor=*/false);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto alpha = static_cast<float>(ctx->saved_data["alpha"].toDouble());
    const auto& grad = grads[0];
    torch::Tensor gradA;
    torch::Tensor gradB;
    if (ctx->needs_input_grad(0)) {
      gradA = product(grad, saved[1].transpose(2, 3), alpha, false);
    }
    if (ctx->needs_input_grad(1)) {
      gradB = product(saved[0].transpose(2, 3), grad, alpha, false);
    }
    return {gradA, gradB, torch::Tensor()};
  }
};

// Where each sequence's (heads, L, L) block of attention weights lives in one flat buffer.
struct VarlenLayout {
  std::vector<int64_t> offsets;  // rows of sequence s: [offsets[s], offsets[s + 1])
  std::vector<int64_t> starts;   // its weights: [starts[s], starts[s + 1])
  std::vector<std::pair<int64_t, int64_t>> items;  // (sequence, head) with L > 0
  int64_t heads = 0;
  int64_t headDim = 0;

  VarlenLayout(std::vector<int64_t> rowOffsets, int64_t numHeads, int64_t dim)
      : offsets(std::move(rowOffsets)), heads(numHeads), headDim(dim) {
    starts.assign(offsets.size(), 0);
    for (size_t s = 0; s + 1 < offsets.size(); ++s) {
      const int64_t len = offsets[s + 1] - offsets[s];
      starts[s + 1] = starts[s] + heads * len * len;
      for (int64_t h = 0; len > 0 && h < heads; ++h) {
        items.emplace_back(static_cast<int64_t>(s), h);
      }
    }
  }
  int64_t length(int64_t s) const { return offsets[s + 1] - offsets[s]; }
  int64_t total() const { return starts.back(); }
  // Element offset of head h's (L x L) weights of sequence s.
  int64_t weights(int64_t s, int64_t h) const { return starts[s] + h * length(s) * length(s); }
  // Element offset of head h's first (L x headDim) row block in an (N, heads * headDim) tensor.
  int64_t rows(int64_t s, int64_t h) const { return offsets[s] * heads * headDim + h * headDim; }

  // f(sequence, head) for every item, spread over the intra-op threads.
  template <typename F>
  void forEach(const F& f) const {
    at::parallel_for(0, static_cast<int64_t>(items.size()), 1, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        f(items[i].first, items[i].second);
      }
    });
  }
  // The (heads * L, L) view of sequence s's weights in `flat`.
  torch::Tensor block(const torch::Tensor& flat, int64_t s) const {
    const int64_t len = length(s);
    return flat.narrow(0, starts[s], heads * len * len).view({heads * len, len});
  }
};

class VarlenAttentionFunction : public torch::autograd::Function<VarlenAttentionFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& q,
                               const torch::Tensor& k, const torch::Tensor& v,
                               const std::vector<int64_t>& offsets, int64_t heads, double p) {
    const int64_t width = q.size(1);
    const VarlenLayout layout(offsets, heads, width / heads);
    const auto scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(layout.headDim)));
    const int ld = static_cast<int>(width);
    const int d = static_cast<int>(layout.headDim);
    auto scores = torch::empty({layout.total()}, q.options());
    const float* qd = q.data_ptr<float>();
    const float* kd = k.data_ptr<float>();
    const float* vd = v.data_ptr<float>();
    float* sd = scores.data_ptr<float>();
    layout.forEach([&](int64_t s, int64_t h) {
      const int len = static_cast<int>(layout.length(s));
      gemmRowMajor(false, true, len, len, d, scale, qd + layout.rows(s, h), ld,
                   kd + layout.rows(s, h), ld, 0.0f, sd + layout.weights(s, h), len);
    });
    auto probs = torch::empty_like(scores);
    for (int64_t s = 0; s + 1 < static_cast<int64_t>(offsets.size()); ++s) {
      if (layout.length(s) > 0) {
        auto out = layout.block(probs, s);
        at::_softmax_out(out, layout.block(scores, s), 1, false);
      }
    }
    scores = torch::Tensor();
    detail::DropoutDraw mask;
    const bool dropout = p > 0.0;
    if (dropout) {
      mask = detail::drawDropout(p);
    }
    const auto dropped =
        dropout ? detail::applyDropoutMask(probs, mask.key, mask.threshold, mask.scale) : probs;
    auto out = torch::empty_like(q);
    const float* pd = dropped.data_ptr<float>();
    float* od = out.data_ptr<float>();
    layout.forEach([&](int64_t s, int64_t h) {
      const int len = static_cast<int>(layout.length(s));
      gemmRowMajor(false, false, len, d, len, 1.0f, pd + layout.weights(s, h), len,
                   vd + layout.rows(s, h), ld, 0.0f, od + layout.rows(s, h), ld);
    });
    ctx->save_for_backward({q, k, v, probs});
    ctx->saved_data["offsets"] = offsets;
    ctx->saved_data["heads"] = heads;
    ctx->saved_data["dropout"] = dropout;
    ctx->saved_data["key"] = static_cast<int64_t>(mask.key);
    ctx->saved_data["threshold"] = static_cast<int64_t>(mask.threshold);
    ctx->saved_data["scale"] = static_cast<double>(mask.scale);
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto& q = saved[0];
    const auto& k = saved[1];
    const auto& v = saved[2];
    const auto& probs = saved[3];
    const auto grad = grads[0].contiguous();
    const int64_t width = q.size(1);
    const VarlenLayout layout(ctx->saved_data["offsets"].toIntVector(),
                              ctx->saved_data["heads"].toInt(),
                              width / ctx->saved_data["heads"].toInt());
    const bool dropout = ctx->saved_data["dropout"].toBool();
    const auto key = static_cast<uint64_t>(ctx->saved_data["key"].toInt());
    const auto threshold = static_cast<uint32_t>(ctx->saved_data["threshold"].toInt());
    const auto maskScale = static_cast<float>(ctx->saved_data["scale"].toDouble());
    const auto scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(layout.headDim)));
    const int ld = static_cast<int>(width);
    const int d = static_cast<int>(layout.headDim);
    const auto dropped =
        dropout ? detail::applyDropoutMask(probs, key, threshold, maskScale) : probs;
    auto gradV = torch::empty_like(v);
    auto gradDropped = torch::empty_like(probs);
    const float* qd = q.data_ptr<float>();
    const float* kd = k.data_ptr<float>();
    const float* vd = v.data_ptr<float>();
    const float* gd = grad.data_ptr<float>();
    const float* pd = dropped.data_ptr<float>();
    float* gvd = gradV.data_ptr<float>();
    float* gpd = gradDropped.data_ptr<float>();
    layout.forEach([&](int64_t s, int64_t h) {
      const int len = static_cast<int>(layout.length(s));
      const auto w = layout.weights(s, h);
      const auto r = layout.rows(s, h);
      gemmRowMajor(true, false, len, d, len, 1.0f, pd + w, len, gd + r, ld, 0.0f, gvd + r, ld);
      gemmRowMajor(false, true, len, len, d, 1.0f, gd + r, ld, vd + r, ld, 0.0f, gpd + w, len);
    });
    const auto gradProbs =
        dropout ? detail::applyDropoutMask(gradDropped, key, threshold, maskScale) : gradDropped;
    auto gradScores = torch::empty_like(probs);
    for (int64_t s = 0; s + 1 < static_cast<int64_t>(layout.offsets.size()); ++s) {
      if (layout.length(s) > 0) {
        auto out = layout.block(gradScores, s);
        at::_softmax_backward_data_out(out, layout.block(gradProbs, s), layout.block(probs, s), 1,
                                       torch::kFloat32);
      }
    }
    auto gradQ = torch::empty_like(q);
    auto gradK = torch::empty_like(k);
    const float* gsd = gradScores.data_ptr<float>();
    float* gqd = gradQ.data_ptr<float>();
    float* gkd = gradK.data_ptr<float>();
    layout.forEach([&](int64_t s, int64_t h) {
      const int len = static_cast<int>(layout.length(s));
      const auto w = layout.weights(s, h);
      const auto r = layout.rows(s, h);
      gemmRowMajor(false, false, len, d, len, scale, gsd + w, len, kd + r, ld, 0.0f, gqd + r, ld);
      gemmRowMajor(true, false, len, d, len, scale, gsd + w, len, qd + r, ld, 0.0f, gkd + r, ld);
    });
    return {gradQ, gradK, gradV, torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor varlenAttention(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const std::vector<int64_t>& offsets,
                              int64_t heads, double dropoutP, bool training) {
  const bool fits = batchedGemmAvailable() && q.dim() == 2 && q.sizes() == k.sizes() &&
                    q.sizes() == v.sizes() && q.device().is_cpu() &&
                    q.scalar_type() == torch::kFloat32 && k.scalar_type() == torch::kFloat32 &&
                    v.scalar_type() == torch::kFloat32 && heads > 0 && q.size(1) % heads == 0 &&
                    fitsInt(q.size(1)) && !offsets.empty() && offsets.front() == 0 &&
                    offsets.back() == q.size(0) && std::is_sorted(offsets.begin(), offsets.end());
  if (!fits) {
    throw Error(ErrorCode::Internal, "varlenAttention: unsupported inputs");
  }
  return VarlenAttentionFunction::apply(q.contiguous(), k.contiguous(), v.contiguous(), offsets,
                                        heads, training ? dropoutP : 0.0);
}

bool batchedGemmAvailable() { return sgemm() != nullptr; }

void batchedGemm(const torch::Tensor& a, const torch::Tensor& b, torch::Tensor& out, float alpha) {
  if (!usable(a, b) || out.scalar_type() != torch::kFloat32 || out.dim() != 4 ||
      out.size(0) != a.size(0) || out.size(1) != a.size(1) || out.size(2) != a.size(2) ||
      out.size(3) != b.size(3) || (out.stride(3) != 1 && out.size(3) > 1) ||
      (out.size(2) > 1 && out.stride(2) < out.size(3)) || !fitsInt(out.stride(2))) {
    throw Error(ErrorCode::Internal, "batchedGemm: unsupported operands " +
                                         std::to_string(a.dim()) + "-D x " +
                                         std::to_string(b.dim()) + "-D");
  }
  const Operand A = describe(a);
  const Operand B = describe(b);
  const int m = static_cast<int>(a.size(2));
  const int k = static_cast<int>(a.size(3));
  const int n = static_cast<int>(b.size(3));
  const int ldc = static_cast<int>(out.size(2) > 1 ? out.stride(2) : std::max(n, 1));
  const int64_t heads = a.size(1);
  const float* aData = A.tensor.data_ptr<float>();
  const float* bData = B.tensor.data_ptr<float>();
  float* cData = out.data_ptr<float>();
  const auto as = A.tensor.strides();
  const auto bs = B.tensor.strides();
  const auto cs = out.strides();
  if (m == 0 || n == 0) {
    return;
  }
  if (k == 0) {
    out.zero_();
    return;
  }
  // One single-threaded sgemm per matrix (OpenBLAS does not start threads of its own inside an
  // OpenMP parallel region), the matrices spread over the intra-op threads.
  at::parallel_for(0, a.size(0) * heads, 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t x = i / heads;
      const int64_t y = i % heads;
      const float* pa = aData + x * as[0] + y * as[1];
      const float* pb = bData + x * bs[0] + y * bs[1];
      float* pc = cData + x * cs[0] + y * cs[1];
      gemmRowMajor(A.transposed, B.transposed, m, n, k, alpha, pa, A.ld, pb, B.ld, 0.0f, pc, ldc);
    }
  });
}

torch::Tensor batchedMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha,
                            bool tokenMajor) {
  if (!usable(a, b)) {
    auto out = torch::matmul(a, b);
    return alpha == 1.0 ? out : out * alpha;
  }
  return product(a, b, static_cast<float>(alpha), tokenMajor);
}

torch::Tensor attentionMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha) {
  if (!usable(a, b)) {
    return batchedMatmul(a, b, alpha);  // LibTorch's matmul, an autograd graph of its own
  }
  return AttentionMatmulFunction::apply(a, b, alpha);
}

}  // namespace childtune::core
