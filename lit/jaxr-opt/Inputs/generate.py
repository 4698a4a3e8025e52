"""Writes the large or hostile inputs of the parse-limit and scaling tests to
stdout: `python3 generate.py KIND [N]` (the kinds are the functions below)."""

import sys


def nul(n):
    return "func.func @f() {\n  return\0\n}\n"


def brackets(n):
    return "func.func @f() attributes {a = %s%s} {\n  return\n}\n" % ("[" * n, "]" * n)


def regions(n):
    return '"test.op"() ({\n' * n + "}) : () -> ()\n" * n


def tuples(n):
    return "func.func private @f() -> %sf32%s\n" % ("tuple<" * n, ">" * n)


def callsites(n):
    loc = '"a.mlir":1:1'
    return "func.func private @f() loc(%s%s%s)\n" % ("callsite(" * n, loc, ' at "b.mlir":2:2)' * n)


def cond(n):
    """n nested jaxr.cond, each inside the first branch of the one above."""
    lines = ["func.func @f(%p: tensor<i1>, %x: tensor<f32>) -> tensor<f32> {"]
    for d in range(n):
        lines.append("%%c%d = jaxr.cond %%p : tensor<i1> -> (tensor<f32>) {" % d)
    lines.append("jaxr.yield %x : tensor<f32>")
    for d in reversed(range(n)):
        lines.append("}, {")
        lines.append("jaxr.yield %x : tensor<f32>")
        lines.append("}")
        lines.append("jaxr.yield %%c%d : tensor<f32>" % d if d > 0 else "return %c0 : tensor<f32>")
    lines.append("}")
    return "\n".join(lines) + "\n"


def chunks(n):
    """n small modules separated by `// -----`; the last one is an error."""
    one = "func.func @f%d(%%x: tensor<2xf32>) -> tensor<2xf32> {\n  return %%x : tensor<2xf32>\n}\n"
    parts = [one % i for i in range(n - 1)]
    parts.append("func.func @last(%x: tensor<2xi32>) -> tensor<2xi32> {\n"
                 "  %0 = jaxr.log %x : tensor<2xi32>\n  return %0 : tensor<2xi32>\n}\n")
    return "// -----\n".join(parts)


def expectations(n):
    """n chunks, each with one error announced by an expected-error comment."""
    one = ("func.func @f%d(%%x: tensor<2xi32>) -> tensor<2xi32> {\n"
           "  // expected-error @below {{must have a floating-point}}\n"
           "  %%0 = jaxr.log %%x : tensor<2xi32>\n  return %%0 : tensor<2xi32>\n}\n")
    return "// -----\n".join(one % i for i in range(n))


if __name__ == "__main__":
    kind = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    sys.stdout.write(globals()[kind](count))
