"""Writes f(x, w): N levels of x = x + tanh(x * w), then sum(x)."""
import sys

n = int(sys.argv[1])
print("func.func @f(%x0: tensor<4xf32>, %w: tensor<4xf32>) -> tensor<f32> {")
for i in range(n):
    print(f"  %m{i} = jaxr.mul %x{i}, %w : tensor<4xf32>")
    print(f"  %t{i} = jaxr.tanh %m{i} : tensor<4xf32>")
    print(f"  %x{i + 1} = jaxr.add %x{i}, %t{i} : tensor<4xf32>")
print(f"  %s = jaxr.reduce_sum %x{n}, axes = [0] : tensor<4xf32> -> tensor<f32>")
print("  return %s : tensor<f32>")
print("}")
