"""JAX 0.10.2 references for tests/suite/vmap.rs's checks against JAX.

    venv/bin/python tests/data/jax/gen_vmap.py    (writes next to itself)

- row_minmax.stablehlo.mlir: the per-row function of the corpus case
  vmap_row_minmax, exported unbatched (jaxr-vmap batches it);
- per_example_grads.json: jax.vmap(jax.grad(loss), in_axes=(None, 0)) of a
  small model on fixed inputs (per-example gradients), with the inputs.
"""
import json
import os

import jax
import jax.numpy as jnp
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def _row_minmax(r, w):
    lo, hi = jnp.min(r), jnp.max(r)
    return (r - lo) / (hi - lo + 1e-3) * w + jnp.mean(r)


text = jax.jit(_row_minmax).lower(jnp.zeros(5, jnp.float32), jnp.zeros(5, jnp.float32)).as_text()
open(os.path.join(HERE, "row_minmax.stablehlo.mlir"), "w").write(text)


def loss(w, b, x, y):
    h = jnp.tanh(x @ w + b)
    return jnp.mean((h - y) ** 2)


rng = np.random.default_rng(0)
w = rng.standard_normal((4, 3)).astype(np.float32)
b = rng.standard_normal(3).astype(np.float32)
xs = rng.standard_normal((5, 2, 4)).astype(np.float32)
ys = rng.standard_normal((5, 2, 3)).astype(np.float32)
gw, gb = jax.vmap(jax.grad(loss, argnums=(0, 1)), in_axes=(None, None, 0, 0))(w, b, xs, ys)
data = {
    "jax_version": jax.__version__,
    "inputs": {k: {"shape": list(v.shape), "data": [float(x) for x in v.ravel()]} for k, v in
               {"w": w, "b": b, "xs": xs, "ys": ys}.items()},
    "grads": {k: {"shape": list(np.shape(v)), "data": [float(x) for x in np.asarray(v).ravel()]} for k, v in
              {"w": gw, "b": gb}.items()},
}
json.dump(data, open(os.path.join(HERE, "per_example_grads.json"), "w"), indent=1)
