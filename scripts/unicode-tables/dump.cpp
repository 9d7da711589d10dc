#include <cstdio>
#include <string>
#include "tokenize/unicode.h"
using namespace childtune::core::detail;
static std::string hex(const std::u32string& s) {
  std::string o;
  char b[16];
  for (size_t i = 0; i < s.size(); ++i) {
    snprintf(b, sizeof b, i ? " %X" : "%X", (unsigned)s[i]);
    o += b;
  }
  return o;
}
int main() {
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const char* c1 = isBertRemoved(cp) ? "R" : (isBertWhitespace(cp) ? "W" : "K");
    const char* c2 = isWhitespace(cp) ? "S" : (isBertPunctuation(cp) ? "P" : "-");
    std::u32string s;
    appendNfdWithoutMarks(std::u32string(1, cp), s);
    std::u32string l;
    appendLowercase(cp, l);
    const char* c5 = isChineseChar(cp) ? "C" : "-";
    const char* c6 = "A";
    if (cp >= 128) {
      switch (regexClass(cp)) {
        case RegexClass::Letter:
          c6 = "L";
          break;
        case RegexClass::Number:
          c6 = "N";
          break;
        case RegexClass::Space:
          c6 = "s";
          break;
        default:
          c6 = "O";
      }
    }
    printf("%X\t%s\t%s\t%s\t%s\t%s\t%s\n", (unsigned)cp, c1, c2, hex(s).c_str(), hex(l).c_str(), c5,
           c6);
  }
}
