"""Reference samples from jax.random (JAX 0.10.2, CPU, default threefry
implementation), for tests/suite/random.rs.

    python3.11 -m venv venv && venv/bin/pip install jax==0.10.2 jaxlib==0.10.2
    venv/bin/python tests/data/jax/gen_random.py > tests/data/jax/random.json

Every case gives the jaxr program's inputs and JAX's output bits: integers
exactly, floats as the hex of their bits.
"""
import json

import jax
import jax.numpy as jnp
import numpy as np


def out(x):
    x = np.asarray(x)
    if x.dtype.kind == "f":
        bits = x.view(np.uint32 if x.dtype == np.float32 else np.uint64)
        data = [format(int(b), "x") for b in bits.ravel()]
    else:
        data = [int(v) for v in x.ravel()]
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": data}


def kd(k):
    return [int(v) for v in np.asarray(jax.random.key_data(k))]


cases = []
for seed in [0, 7, 42, -1, 2**31 - 1]:
    cases.append({"op": "random_seed", "seed": seed, "out": out(jax.random.key_data(jax.random.key(seed)))})
k7 = jax.random.key(7)
cases.append({"op": "random_split", "key": kd(k7), "count": 3, "out": out(jax.random.key_data(jax.random.split(k7, 3)))})
cases.append({"op": "random_fold_in", "key": kd(k7), "data": 12345, "out": out(jax.random.key_data(jax.random.fold_in(k7, 12345)))})
k1 = jax.random.key(1)
cases.append({"op": "random_bits", "key": kd(k1), "shape": [3, 4], "out": out(jax.random.bits(k1, (3, 4), jnp.uint32))})
k2 = jax.random.key(2)
cases.append({"op": "random_uniform", "key": kd(k2), "shape": [2, 3], "dtype": "f32", "minval": -2.0, "maxval": 5.0,
              "out": out(jax.random.uniform(k2, (2, 3), jnp.float32, -2.0, 5.0))})
for seed, shape in [(3, [5]), (4, [2, 2]), (11, [64])]:
    k = jax.random.key(seed)
    cases.append({"op": "random_normal", "key": kd(k), "shape": shape, "dtype": "f32",
                  "out": out(jax.random.normal(k, tuple(shape), jnp.float32))})
k5 = jax.random.key(5)
cases.append({"op": "random_randint", "key": kd(k5), "shape": [7], "dtype": "i32", "minval": -10, "maxval": 10,
              "out": out(jax.random.randint(k5, (7,), -10, 10, jnp.int32))})
jax.config.update("jax_enable_x64", True)
k6 = jax.random.key(6)
cases.append({"op": "random_uniform", "key": kd(k6), "shape": [3], "dtype": "f64", "minval": 0.0, "maxval": 1.0,
              "out": out(jax.random.uniform(k6, (3,), jnp.float64))})
cases.append({"op": "random_normal", "key": kd(k6), "shape": [4], "dtype": "f64",
              "out": out(jax.random.normal(k6, (4,), jnp.float64))})
print(json.dumps({"jax_version": jax.__version__, "cases": cases}, indent=1))
