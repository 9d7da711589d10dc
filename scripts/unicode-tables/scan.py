# Dumps per-codepoint behaviour of HF tokenizers 0.15.2 for comparison with the C++ port.
import json, sys
from tokenizers import normalizers, pre_tokenizers
clean = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False)
strip = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True, lowercase=False)
lower = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=False, lowercase=True)
chinese = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=True, strip_accents=False, lowercase=False)
bertpre = pre_tokenizers.BertPreTokenizer()
bl = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
out = open(sys.argv[1], "w")
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    rec = []
    n = clean.normalize_str("a" + c + "b")
    rec.append("R" if n == "ab" else ("W" if n == "a b" else ("K" if n == "a" + c + "b" else "?" + n)))
    p = bertpre.pre_tokenize_str("a" + c + "b")
    rec.append("S" if len(p) == 2 else ("P" if len(p) == 3 else "-"))
    s = strip.normalize_str(c)
    rec.append(" ".join("%X" % ord(x) for x in s))
    l = lower.normalize_str(c)
    rec.append(" ".join("%X" % ord(x) for x in l))
    h = chinese.normalize_str(c)
    rec.append("C" if h == " " + c + " " else "-")
    if cp < 128:
        rec.append("A")
    else:
        if len(bl.pre_tokenize_str("a" + c)) == 1:
            rec.append("L")
        elif len(bl.pre_tokenize_str("1" + c)) == 1:
            rec.append("N")
        elif len(bl.pre_tokenize_str("!" + c)) == 1:
            rec.append("O")
        else:
            rec.append("s")
    out.write("%X\t%s\n" % (cp, "\t".join(rec)))
