hf = [l.rstrip('\n').split('\t') for l in open('hf_scan.tsv')]
my = [l.rstrip('\n').split('\t') for l in open('my_scan.tsv')]
sets = {k: [] for k in ['notControl','extraControl','notPunct','extraPunct','notMark','extraMark','other4','regexOther','other7']}
for h, m in zip(hf, my):
    cp = int(h[0], 16)
    if h[1] != m[1]:
        sets['notControl' if h[1]=='K' and m[1]=='R' else ('extraControl' if h[1]=='R' and m[1]=='K' else 'other4')].append(cp)
    if h[2] != m[2]:
        sets['notPunct' if h[2]=='-' and m[2]=='P' else ('extraPunct' if h[2]=='P' and m[2]=='-' else 'other4')].append(cp)
    if h[3] != m[3]:
        if h[3] == h[0] and m[3] == '': sets['notMark'].append(cp)
        elif h[3] == '' and m[3] == h[0]: sets['extraMark'].append(cp)
        else: sets['other4'].append((h[0], h[3], m[3]))
    if h[6] != m[6]:
        if h[6] == 'O': sets['regexOther'].append(cp)
        else: sets['other7'].append((h[0], h[6], m[6]))
def ranges(cps):
    out = []
    for cp in cps:
        if out and out[-1][1] == cp - 1: out[-1][1] = cp
        else: out.append([cp, cp])
    return out
for k, v in sets.items():
    if k.startswith('other'):
        print(k, v); continue
    r = ranges(v)
    body = ", ".join("{0x%04X, 0x%04X}" % (a, b) for a, b in r)
    print("constexpr std::array<Range, %d> k%s{{%s}};" % (len(r), k[0].upper()+k[1:], body))
