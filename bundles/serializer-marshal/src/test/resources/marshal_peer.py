# Test peer for jpyro's marshal serializer: CPython's own marshal as the reference.
# One command per stdin line, one answer line per command:
#   E <python expression>   -> hex of marshal.dumps(value, 4) (code objects are kept alive, as in a program)
#   R <hex>                 -> hex of marshal.dumps(marshal.loads(bytes), 4), or "ERR <message>"
#   G <seed> <count>        -> <count> lines: hex of marshal.dumps of random values
#   Q <hex-a> <hex-b>       -> "OK" when both decode to the same value (types, order, nan), else "FAIL <reprs>"
import marshal
import math
import random
import sys

codes = []


def same(a, b):
    if isinstance(a, (set, frozenset)) and isinstance(b, (set, frozenset)):
        return len(a) == len(b) and all(any(same(x, y) for y in b) for x in a)
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, complex):
        return same(a.real, b.real) and same(a.imag, b.imag)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    return a == b


def rnd_str(r):
    kind = r.randrange(5)
    n = r.randrange(12)
    if kind == 0:
        return "".join(r.choice("abcXYZ_019") for _ in range(n))
    if kind == 1:
        return "".join(chr(r.randrange(0, 128)) for _ in range(n))
    if kind == 2:
        return "".join(chr(r.randrange(0x80, 0x3000)) for _ in range(n))
    if kind == 3:
        return "".join(chr(r.randrange(0x10000, 0x10FFFF)) for _ in range(n))
    if kind == 4 and r.random() < 0.3:
        return "x" * r.randrange(250, 300)
    return "lone\ud800surrogate"


def rnd_key(r):
    k = r.randrange(4)
    if k == 0:
        return r.randrange(-1000, 1000)
    if k == 1:
        return rnd_str(r)
    if k == 2:
        return (r.randrange(10), rnd_str(r))
    return r.random()


def rnd_int(r):
    k = r.randrange(4)
    if k == 0:
        return r.randrange(-10, 300)
    if k == 1:
        return r.randrange(-2**31, 2**31)
    if k == 2:
        return r.randrange(-2**64, 2**64)
    return r.randrange(-2**300, 2**300)


def rnd_value(r, depth, pool):
    k = r.randrange(16 if depth > 0 else 10)
    if k == 0:
        return None
    if k == 1:
        return r.random() < 0.5
    if k == 2:
        return rnd_int(r)
    if k == 3:
        return r.choice([0.0, -0.0, 1.5, -2.25e-300, 1e300, float("inf"), float("-inf"), float("nan"), r.random()])
    if k == 4:
        return complex(r.random(), -r.random())
    if k in (5, 6):
        return rnd_str(r)
    if k == 7:
        return bytes(r.randrange(256) for _ in range(r.randrange(10)))
    if k in (8, 9):
        if pool and r.random() < 0.5:
            return r.choice(pool)
        return rnd_int(r)
    items = [rnd_value(r, depth - 1, pool) for _ in range(r.randrange(5))]
    if k == 10:
        v = tuple(items)
    elif k == 11:
        v = items
    elif k == 12:
        v = {rnd_key(r) for _ in range(r.randrange(4))}
    elif k == 13:
        v = frozenset(rnd_key(r) for _ in range(r.randrange(4)))
    else:
        v = {rnd_key(r): x for x in items}
    if r.random() < 0.3:
        pool.append(v)  # shared: later occurrences become back-references
    return v


def main():
    for line in sys.stdin:
        line = line.rstrip("\n")
        cmd, _, arg = line.partition(" ")
        try:
            if cmd == "E":
                code = compile(arg, "<expr>", "eval")
                codes.append(code)
                value = eval(code)
                out = marshal.dumps(value, 4).hex()
            elif cmd == "R":
                out = marshal.dumps(marshal.loads(bytes.fromhex(arg)), 4).hex()
            elif cmd == "G":
                seed, count = arg.split()
                r = random.Random(int(seed))
                lines = []
                for _ in range(int(count)):
                    pool = []
                    lines.append(marshal.dumps(rnd_value(r, 4, pool), 4).hex())
                out = "\n".join(lines)
            elif cmd == "Q":
                a, b = arg.split()
                va = marshal.loads(bytes.fromhex(a))
                vb = marshal.loads(bytes.fromhex(b))
                out = "OK" if same(va, vb) else "FAIL " + repr(va) + " != " + repr(vb)
            else:
                out = "ERR unknown command"
        except Exception as e:  # report, keep serving
            out = "ERR " + repr(e).replace("\n", " ")
        sys.stdout.write(out + "\n")
        sys.stdout.flush()


main()
