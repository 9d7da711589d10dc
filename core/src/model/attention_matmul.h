#pragma once
// The attention's batched matrix products on the CPU without LibTorch 1.13's per-matrix path.
//
// at::bmm / at::matmul on (B, heads, T, d) views in LibTorch 1.13 first copy strided operands
// into contiguous ones, then run one select + mm per matrix, each mm a BLAS call that threads on
// its own: on MiniLM with RTE batches that was ~160 ms of a ~550 ms training step for ~4 GFLOP.
// Here each matrix is one single-threaded BLAS sgemm on the operands' own strides (a transposed
// view is a transpose flag, not a copy), the matrices spread over the intra-op threads, and the
// output can be written straight into the layout the next layer reads.
//
// With pad tokens skipped in training (TokenPacking), varlenAttention goes further: each
// sequence attends over its own rows of the packed layout, so attention costs sum(L^2) instead of
// B * T^2 and nothing is scattered to the padded layout and back.
//
// BLAS: the process's Fortran sgemm_, used only where it is OpenBLAS's 32-bit-integer build
// (Debian's LibTorch links it); elsewhere (PyPI/CUDA LibTorch, whose MKL is not exported) every
// function here falls back to LibTorch's matmul.

#include <torch/torch.h>

#include <vector>

namespace childtune::core {

// Whether batchedGemm can run here (OpenBLAS's sgemm_ is in the process).
bool batchedGemmAvailable();

// out[i, j] = alpha * a[i, j] @ b[i, j] for float32 CPU tensors a (B, H, m, k), b (B, H, k, n)
// and out (B, H, m, n); every operand has unit stride in one of its last two dimensions (any
// other strides, a transposed view included), out in the last. REQUIRES: batchedGemmAvailable()
// and those shapes and strides (checked).
void batchedGemm(const torch::Tensor& a, const torch::Tensor& b, torch::Tensor& out, float alpha);

// alpha * a @ b through batchedGemm where it can run, else torch::matmul(a, b) * alpha; not an
// autograd node (for custom nodes' forward and backward). `tokenMajor`: the result's memory is
// laid out (B, m, H, n), the layout of (B, T, heads, headDim) activations, and the (B, H, m, n)
// view of it is returned, so that merging the heads back is a view, not a copy.
torch::Tensor batchedMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha = 1.0,
                            bool tokenMajor = false);

// alpha * a @ b as an autograd node for (B, H, m, k) x (B, H, k, n) float32 CPU tensors, through
// batchedGemm in both directions; otherwise (other devices, dtypes, no OpenBLAS)
// torch::matmul(a, b) * alpha. The result is contiguous (B, H, m, n).
torch::Tensor attentionMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha);

// Self-attention over packed sequences (model/transformer.h's TokenPacking layout): q, k, v are
// (N, heads * headDim) float32 CPU rows of real tokens, sequence s in rows [offsets[s],
// offsets[s + 1]). Each sequence attends over its own tokens only, which is what the padded
// computation with its key-padding mask gives at real positions, at sum(L^2) instead of
// B * T^2 work and with no scatter to the padded layout and back. Dropout p on the attention
// weights when training (applyDropout's counter mask, regenerated in backward). Returns the
// (N, heads * headDim) context as an autograd node. REQUIRES: batchedGemmAvailable(), float32
// CPU inputs of that shape, offsets ascending from 0 to N.
torch::Tensor varlenAttention(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const std::vector<int64_t>& offsets,
                              int64_t heads, double dropoutP, bool training);

}  // namespace childtune::core
