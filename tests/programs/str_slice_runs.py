# str slicing: contiguous runs are cut from the UTF-8 text (ASCII and not), other steps by code point.
for s in ('hello', 'héllo wörld', '', 'ab€c', 'x'):
    out = []
    for a in (None, 0, 1, 2, -1, -3, 10):
        for b in (None, 0, 1, 3, -1, -2, 20):
            out.append(s[a:b])
            out.append(s[a:b:1])
            out.append(s[a:b:2])
            out.append(s[a:b:-1])
    print(repr(s), out)
