#include "tokenize/added_vocabulary.h"

#include <algorithm>

#include "childtune/error.h"
#include "tokenize/unicode.h"

namespace childtune::core::detail {
namespace {

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

// The last code point of text[0, end), or nullopt at the start.
std::optional<char32_t> codePointBefore(std::string_view text, std::size_t end) {
  if (end == 0) {
    return std::nullopt;
  }
  std::size_t begin = end - 1;
  while (begin > 0 && isContinuationByte(text[begin])) {
    --begin;
  }
  std::size_t pos = begin;
  return nextCodePoint(text, pos);
}

std::optional<char32_t> codePointAt(std::string_view text, std::size_t begin) {
  if (begin >= text.size()) {
    return std::nullopt;
  }
  return nextCodePoint(text, begin);
}

// Start of the whitespace run that ends at `end` (regex `\s*$` on text[0, end)).
std::size_t trailingSpaceStart(std::string_view text, std::size_t end) {
  while (true) {
    const auto cp = codePointBefore(text, end);
    if (!cp || !isWhitespace(*cp)) {
      return end;
    }
    do {
      --end;
    } while (end > 0 && isContinuationByte(text[end]));
  }
}

// End of the whitespace run that starts at `begin` (regex `^\s*` on text[begin, ...)).
std::size_t leadingSpaceEnd(std::string_view text, std::size_t begin) {
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!isWhitespace(nextCodePoint(text, next))) {
      break;
    }
    begin = next;
  }
  return begin;
}

}  // namespace

std::optional<int64_t> AddedVocabulary::find(std::string_view content) const {
  const auto it = idByContent_.find(content);
  return it == idByContent_.end() ? std::nullopt : std::optional<int64_t>(it->second);
}

const AddedToken* AddedVocabulary::tokenForId(int64_t id) const {
  const auto it = byId_.find(id);
  return it == byId_.end() ? nullptr : &it->second;
}

std::optional<int64_t> AddedVocabulary::idOf(std::string_view content,
                                             const Vocab& modelVocab) const {
  if (auto id = find(content)) {
    return id;
  }
  return modelVocab.find(content);
}

void AddedVocabulary::addTokens(const std::vector<AddedToken>& tokens, const Vocab& modelVocab,
                                const Normalizer* normalizer) {
  for (const AddedToken& token : tokens) {
    if (token.special && !token.content.empty() && !specialContents_.contains(token.content)) {
      special_.push_back(token);
      specialContents_.insert(token.content);
    }
  }
  const auto modelSize = static_cast<int64_t>(modelVocab.count());
  for (const AddedToken& token : tokens) {
    if (token.content.empty()) {
      continue;
    }
    const bool known = std::any_of(byId_.begin(), byId_.end(),
                                   [&](const auto& entry) { return entry.second == token; });
    if (known) {
      continue;
    }
    int64_t id = 0;
    if (const auto existing = idOf(token.content, modelVocab)) {
      id = *existing;
    } else if (idByContent_.empty()) {
      id = modelSize;
    } else {
      int64_t maxId = 0;
      for (const auto& entry : idByContent_) {
        maxId = std::max(maxId, entry.second);
      }
      id = (maxId >= modelSize || modelSize == 0) ? maxId + 1 : modelSize;
    }
    idByContent_.insert_or_assign(token.content, id);
    byId_.insert_or_assign(id, token);
    if (!specialContents_.contains(token.content)) {
      added_.push_back(token);
    }
  }
  refresh(modelVocab, normalizer);
}

void AddedVocabulary::refresh(const Vocab& modelVocab, const Normalizer* normalizer) {
  raw_ = Matcher{};
  normalized_ = Matcher{};
  auto addPattern = [](Matcher& matcher, std::string pattern, int64_t id) {
    if (pattern.empty()) {
      return;  // an empty pattern would match everywhere; tokenizers never builds one
    }
    matcher.patterns.push_back(std::move(pattern));
    matcher.ids.push_back(id);
  };
  for (const auto* list : {&special_, &added_}) {
    for (const AddedToken& token : *list) {
      const auto id = idOf(token.content, modelVocab);
      if (!id) {
        throw Error(ErrorCode::Internal, "added token '" + token.content + "' lost its id");
      }
      if (token.normalized) {
        addPattern(normalized_,
                   normalizer != nullptr ? normalizer->normalize(token.content) : token.content,
                   *id);
      } else {
        addPattern(raw_, token.content, *id);
      }
    }
  }
  for (Matcher* matcher : {&raw_, &normalized_}) {
    for (uint32_t i = 0; i < matcher->patterns.size(); ++i) {
      const auto first = static_cast<unsigned char>(matcher->patterns[i].front());
      matcher->byFirstByte[first].push_back(i);
    }
    for (auto& candidates : matcher->byFirstByte) {
      std::stable_sort(candidates.begin(), candidates.end(), [&](uint32_t a, uint32_t b) {
        return matcher->patterns[a].size() > matcher->patterns[b].size();
      });
    }
  }
}

void AddedVocabulary::findMatches(std::string_view text, const Matcher& matcher,
                                  std::vector<Split>& out) const {
  if (matcher.patterns.empty()) {
    if (!text.empty()) {
      out.push_back({text, std::nullopt});
    }
    return;
  }
  std::size_t startOffset = 0;  // end of the last emitted piece
  std::size_t searchFrom = 0;   // the matcher resumes after the previous raw match
  while (searchFrom < text.size()) {
    // Leftmost-longest match at or after searchFrom.
    std::size_t matchStart = text.size();
    std::optional<uint32_t> pattern;
    for (std::size_t p = searchFrom; p < text.size() && !pattern; ++p) {
      for (uint32_t index : matcher.byFirstByte[static_cast<unsigned char>(text[p])]) {
        const std::string& candidate = matcher.patterns[index];
        if (text.compare(p, candidate.size(), candidate) == 0) {
          matchStart = p;
          pattern = index;
          break;
        }
      }
    }
    if (!pattern) {
      break;
    }
    const std::size_t matchEnd = matchStart + matcher.patterns[*pattern].size();
    searchFrom = matchEnd;
    const int64_t id = matcher.ids[*pattern];
    const auto entry = byId_.find(id);
    if (entry == byId_.end()) {
      throw Error(ErrorCode::Internal, "added token id " + std::to_string(id) + " has no token");
    }
    const AddedToken& token = entry->second;
    std::size_t start = matchStart;
    std::size_t stop = matchEnd;
    if (token.singleWord) {
      const auto before = codePointBefore(text, start);
      const auto after = codePointAt(text, stop);
      if ((before && isWordChar(*before)) || (after && isWordChar(*after))) {
        continue;
      }
    }
    if (token.lstrip) {
      start = std::max(trailingSpaceStart(text, start), startOffset);
    }
    if (token.rstrip) {
      stop = leadingSpaceEnd(text, stop);
    }
    if (startOffset < start) {
      out.push_back({text.substr(startOffset, start - startOffset), std::nullopt});
    }
    out.push_back({text.substr(start, stop - start), id});
    startOffset = stop;
  }
  if (startOffset < text.size()) {
    out.push_back({text.substr(startOffset), std::nullopt});
  }
}

}  // namespace childtune::core::detail
