#include "tokenize/model.h"

namespace childtune::core::detail {

void Vocab::add(std::string token, int64_t id) {
  if (id >= static_cast<int64_t>(tokens_.size())) {
    tokens_.resize(static_cast<std::size_t>(id) + 1);
  }
  tokens_[static_cast<std::size_t>(id)] = token;
  const auto [it, inserted] = ids_.try_emplace(std::move(token), id);
  if (!inserted && it->second != id) {
    // The earlier id keeps no token, like a Python dict inverted after the fact.
    tokens_[static_cast<std::size_t>(it->second)].clear();
    it->second = id;
  }
}

}  // namespace childtune::core::detail
