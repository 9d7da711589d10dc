#include "model/attention_matmul.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>

#include <climits>

#include "childtune/error.h"

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

// One operand's per-matrix layout for BLAS: a (rows x cols) row-major matrix with leading
// dimension ld ('N' in the column-major call computing C^T = B^T A^T), or its column-major
// storage ('T').
struct Operand {
  torch::Tensor tensor;  // the operand, or a contiguous copy when its strides did not fit
  char op = 'N';
  int ld = 0;
};

bool fitsInt(int64_t v) { return v >= 0 && v <= INT_MAX; }

Operand describe(const torch::Tensor& x) {
  const int64_t rows = x.size(2);
  const int64_t cols = x.size(3);
  const int64_t s2 = x.stride(2);
  const int64_t s3 = x.stride(3);
  if ((s3 == 1 || cols == 1) && (rows == 1 || s2 >= cols) && fitsInt(s2)) {
    return {x, 'N', static_cast<int>(rows == 1 ? std::max<int64_t>(cols, 1) : s2)};
  }
  if ((s2 == 1 || rows == 1) && (cols == 1 || s3 >= rows) && fitsInt(s3)) {
    return {x, 'T', static_cast<int>(cols == 1 ? std::max<int64_t>(rows, 1) : s3)};
  }
  auto c = x.contiguous();
  return {c, 'N', static_cast<int>(std::max<int64_t>(cols, 1))};
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

}  // namespace

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
  const float beta = 0.0f;
  const SgemmFn gemm = sgemm();
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
      // Row-major C = A B is column-major C^T = B^T A^T.
      gemm(&B.op, &A.op, &n, &m, &k, &alpha, pb, &B.ld, pa, &A.ld, &beta, pc, &ldc);
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
    auto out = torch::matmul(a, b);
    return alpha == 1.0 ? out : out * alpha;
  }
  return AttentionMatmulFunction::apply(a, b, alpha);
}

}  // namespace childtune::core
