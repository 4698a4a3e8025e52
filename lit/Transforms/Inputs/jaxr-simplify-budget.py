"""Inputs and checks of jaxr-simplify-budget.mlir.

  python3 jaxr-simplify-budget.py funcs N K     N functions, each a product of K sums
  python3 jaxr-simplify-budget.py nested D K    one function, D nested jaxr.cond
  python3 jaxr-simplify-budget.py check LIMIT   reads stats=true lines on stdin

A product of sums, p_i = (p_{i-1} + y) * p_{i-1}, keeps growing under
fast-math expansion and commutativity, so every block runs into a node limit.
Each block ends in neg(neg(.)), which any saturation removes: a block that was
simplified has no jaxr.neg left, a block the budget skipped keeps both.
"""

import json
import sys


def body(tag, k, start, indent):
    """Lines computing the product of k sums from `start`; its last value."""
    out = []
    prev = start
    for i in range(k):
        out.append("%s%%%ss%d = jaxr.add %s, %%y : tensor<4xf32>" % (indent, tag, i, prev))
        out.append("%s%%%sp%d = jaxr.mul %%%ss%d, %s : tensor<4xf32>" % (indent, tag, i, tag, i, prev))
        prev = "%%%sp%d" % (tag, i)
    out.append("%s%%%sn0 = jaxr.neg %s : tensor<4xf32>" % (indent, tag, prev))
    out.append("%s%%%sn1 = jaxr.neg %%%sn0 : tensor<4xf32>" % (indent, tag, tag))
    return out, "%%%sn1" % tag


def funcs(n, k):
    lines = []
    for f in range(n):
        lines.append("func.func @f%d(%%x: tensor<4xf32>, %%y: tensor<4xf32>) -> tensor<4xf32> {" % f)
        b, r = body("v", k, "%x", "  ")
        lines += b
        lines.append("  return %s : tensor<4xf32>" % r)
        lines.append("}")
    return lines


def cond(depth, k, d, indent):
    """A jaxr.cond whose first branch holds the next one (depth levels)."""
    inner = indent + "  "
    lines = ["%s%%c%d = jaxr.cond %%p : tensor<i1> -> (tensor<4xf32>) {" % (indent, d)]
    b, r = body("a%d" % d, k, "%x", inner)
    lines += b
    if d + 1 < depth:
        lines += cond(depth, k, d + 1, inner)
        lines.append("%s%%j%d = jaxr.add %s, %%c%d : tensor<4xf32>" % (inner, d, r, d + 1))
        r = "%%j%d" % d
    lines.append("%sjaxr.yield %s : tensor<4xf32>" % (inner, r))
    lines.append("%s}, {" % indent)
    b, r = body("b%d" % d, k, "%x", inner)
    lines += b
    lines.append("%sjaxr.yield %s : tensor<4xf32>" % (inner, r))
    lines.append("%s}" % indent)
    return lines


def nested(depth, k):
    """2 * depth branch bodies and the entry block: 2 * depth + 1 e-graphs."""
    lines = ["func.func @nested(%p: tensor<i1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {"]
    lines += cond(depth, k, 0, "  ")
    b, r = body("e", k, "%c0", "  ")
    lines += b
    lines.append("  return %s : tensor<4xf32>" % r)
    lines.append("}")
    return lines


def check(limit):
    """The module's e-nodes are the functions' sum and stay within 5% of LIMIT."""
    lines = [json.loads(l) for l in sys.stdin if l.startswith("{")]
    functions = [l for l in lines if "function" in l]
    (module,) = [l for l in lines if l.get("module")]
    total = sum(f["enodes"] for f in functions)
    assert total == module["enodes"], (total, module["enodes"])
    if total > limit * 1.05:
        sys.exit("%d e-nodes: over %d by more than 5%%" % (total, limit))
    print("within budget: %d <= %d" % (total, limit))


if __name__ == "__main__":
    kind = sys.argv[1]
    args = [int(a) for a in sys.argv[2:]]
    if kind == "check":
        check(*args)
    else:
        print("\n".join({"funcs": funcs, "nested": nested}[kind](*args)))
