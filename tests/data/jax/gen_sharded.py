"""JAX 0.10.2 references for jaxr's partitioned runs (tests/suite/sharded.rs).

    XLA_FLAGS=--xla_force_host_platform_device_count=8 \
        venv/bin/python tests/data/jax/gen_sharded.py    (writes sharded/ next to itself)

Each program is jitted over 8 CPU devices with NamedShardings on a Mesh and
exported in both of JAX's sharding forms: `<name>.stablehlo.mlir` with GSPMD
shardings (jax_use_shardy_partitioner=False: `mhlo.sharding` strings and
custom calls) and `<name>.shardy.mlir` with Shardy's (the default: `sdy.mesh`,
`#sdy.sharding`, `sdy.sharding_constraint`, `sdy.manual_computation`), each
jax.jit(f).lower(...).as_text(); `<name>.json` holds the global inputs and
JAX's outputs (flattened, with shapes).

- dp_mlp_loss: a data-parallel MLP loss (batch over 8 devices, weights
  replicated) and its gradient;
- tp_mlp: a tensor-parallel 2-layer MLP on a 4 x 2 mesh (rows of x over
  "data", hidden units over "model"), with a sharding constraint in the middle;
- tp_mlp_vjp: JAX's VJP of tp_mlp in x;
- smap_*: shard_map with each collective, a Megatron-style MLP, a
  lax.scan around the ring and a lax.cond in a body;
  `<name>_vjp.json` holds JAX's VJP of each (and of pmap_psum) for a
  random cotangent;
- scan_rnn_loss / scan_rnn_grad: a lax.scan over a batch-sharded sequence
  and JAX's gradient of it;
- pmap_psum: a jax.pmap program with a psum (pmap is jit of shard_map).
"""
import json
import os

import jax

jax.config.update("jax_enable_x64", False)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax.sharding import Mesh, NamedSharding, PartitionSpec as P  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sharded")
os.makedirs(HERE, exist_ok=True)
assert len(jax.devices()) == 8, "run with XLA_FLAGS=--xla_force_host_platform_device_count=8"

rng = np.random.default_rng(7)


def export(name, make, args):
    """Writes both forms of `make()`'s lowering (a fresh jitted function per
    form) and returns the function jitted in the default (Shardy) form."""
    for shardy, suffix in ((False, "stablehlo"), (True, "shardy")):
        jax.config.update("jax_use_shardy_partitioner", shardy)
        text = make().lower(*args).as_text()
        open(os.path.join(HERE, f"{name}.{suffix}.mlir"), "w").write(text)
    return make()


def save(name, fn, args, in_shardings, out_shardings):
    jitted = export(name, lambda: jax.jit(fn, in_shardings=in_shardings, out_shardings=out_shardings), args)
    record(name, jitted, args)


def record(name, jitted, args):
    outs = jax.tree_util.tree_leaves(jitted(*args))
    data = {
        "inputs": [{"shape": list(a.shape), "values": np.asarray(a, np.float64).ravel().tolist()} for a in args],
        "outputs": [{"shape": list(o.shape), "values": np.asarray(o, np.float64).ravel().tolist()} for o in outs],
    }
    json.dump(data, open(os.path.join(HERE, f"{name}.json"), "w"))


# Data parallel: the batch over all 8 devices.
mesh = Mesh(np.array(jax.devices()).reshape(8), ("data",))
x = rng.standard_normal((16, 8)).astype(np.float32)
y = rng.standard_normal((16, 4)).astype(np.float32)
w1 = (rng.standard_normal((8, 16)) / 3).astype(np.float32)
w2 = (rng.standard_normal((16, 4)) / 4).astype(np.float32)


def mlp_loss(w1, w2, x, y):
    h = jnp.tanh(x @ w1)
    return jnp.mean((h @ w2 - y) ** 2)


rep = NamedSharding(mesh, P())
batch = NamedSharding(mesh, P("data"))
save("dp_mlp_loss", mlp_loss, (w1, w2, x, y), (rep, rep, batch, batch), rep)
save("dp_mlp_grad", jax.grad(mlp_loss, argnums=(0, 1)), (w1, w2, x, y), (rep, rep, batch, batch), (rep, rep))

# Tensor parallel on a 4 x 2 mesh.
mesh2 = Mesh(np.array(jax.devices()).reshape(4, 2), ("data", "model"))


def tp_mlp(x, w1, w2):
    h = jax.nn.relu(x @ w1)
    h = jax.lax.with_sharding_constraint(h, NamedSharding(mesh2, P("data", "model")))
    return h @ w2


save(
    "tp_mlp",
    tp_mlp,
    (x, w1, w2),
    (NamedSharding(mesh2, P("data")), NamedSharding(mesh2, P(None, "model")), NamedSharding(mesh2, P("model"))),
    NamedSharding(mesh2, P("data")),
)

# The VJP of the tensor-parallel MLP in x (the constraint is on the
# cotangent's path too).
c = rng.standard_normal((16, 4)).astype(np.float32)


def tp_mlp_vjp(x, w1, w2, c):
    _, pull = jax.vjp(lambda x: tp_mlp(x, w1, w2), x)
    return pull(c)[0]


save(
    "tp_mlp_vjp",
    tp_mlp_vjp,
    (x, w1, w2, c),
    (
        NamedSharding(mesh2, P("data")),
        NamedSharding(mesh2, P(None, "model")),
        NamedSharding(mesh2, P("model")),
        NamedSharding(mesh2, P("data")),
    ),
    NamedSharding(mesh2, P("data")),
)

# shard_map with each collective (GSPMD form: the body between
# @SPMDFullToShardShape and @SPMDShardToFullShape custom calls), over the
# 8-device "data" mesh; and a Megatron-style MLP (column- then row-parallel
# weights, one psum) over the 4 x 2 mesh's "model" axis.
from jax.experimental.shard_map import shard_map  # noqa: E402

v = rng.standard_normal((16, 8)).astype(np.float32)
spec = P("data")


def save_vjp(name, fn, args):
    """`<name>_vjp.json`: JAX's VJP of `fn` in every argument, for a random
    cotangent (the last input), the reference of jaxr's VJP of `<name>`."""
    out, pull = jax.vjp(fn, *args)
    c = rng.standard_normal(out.shape).astype(np.float32)
    record(f"{name}_vjp", lambda *a: pull(a[-1]), (*args, c))


def collective(name, body, out_spec):
    fn = shard_map(body, mesh=mesh, in_specs=(spec,), out_specs=out_spec, check_rep=False)
    save(name, fn, (v,), (batch,), NamedSharding(mesh, out_spec))
    save_vjp(name, fn, (v,))


collective("smap_psum", lambda x: jax.lax.psum(x, "data"), P())
collective("smap_all_gather", lambda x: jax.lax.all_gather(x, "data", tiled=True), P())
collective("smap_psum_scatter", lambda x: jax.lax.psum_scatter(jnp.tile(x, (8, 1)), "data", tiled=True), spec)
collective("smap_ppermute", lambda x: jax.lax.ppermute(x, "data", [(i, (i + 1) % 8) for i in range(8)]), spec)
collective("smap_all_to_all", lambda x: jax.lax.all_to_all(x, "data", 1, 1, tiled=True), spec)
collective("smap_axis_index", lambda x: x * jax.lax.axis_index("data").astype(jnp.float32), spec)


def megatron(x, w1, w2):
    def body(x, w1, w2):
        return jax.lax.psum(jax.nn.relu(x @ w1) @ w2, "model")

    return shard_map(
        body, mesh=mesh2, in_specs=(P("data"), P(None, "model"), P("model")), out_specs=P("data"), check_rep=False
    )(x, w1, w2)


save(
    "smap_megatron_mlp",
    megatron,
    (x, w1, w2),
    (NamedSharding(mesh2, P("data")), NamedSharding(mesh2, P(None, "model")), NamedSharding(mesh2, P("model"))),
    NamedSharding(mesh2, P("data")),
)
save_vjp("smap_megatron_mlp", megatron, (x, w1, w2))


# Control flow in a shard_map body: a lax.scan passing a carry around the
# ring (ppermute) with a replicated weight, then a psum; and a lax.cond on
# a predicate every device computes alike (from the replicated weight).
wv = (rng.standard_normal((8,)) / 2).astype(np.float32)


def scan_ring(x, w):
    def body(x, w):
        def step(c, _):
            return jnp.tanh(jax.lax.ppermute(c, "data", [(i, (i + 1) % 8) for i in range(8)]) * w + x), None

        c, _ = jax.lax.scan(step, x, None, length=3)
        return jax.lax.psum(c, "data")

    return shard_map(body, mesh=mesh, in_specs=(spec, P()), out_specs=P(), check_rep=False)(x, w)


def branchy(x, w):
    def body(x, w):
        return jax.lax.cond(jnp.sum(w) > 0, lambda: x * w, lambda: jnp.sin(x) * w)

    return shard_map(body, mesh=mesh, in_specs=(spec, P()), out_specs=spec, check_rep=False)(x, w)


for name, fn in (("smap_scan_ring", scan_ring), ("smap_cond", branchy)):
    save(name, fn, (v, wv), (batch, rep), NamedSharding(mesh, P() if name == "smap_scan_ring" else spec))
    save_vjp(name, fn, (v, wv))


# A sharded lax.scan: an RNN over a sequence whose batch is split over the 8
# devices (the scan's carry and its per-step inputs stay batch-sharded), and
# JAX's gradient of its loss in the weights.
xs = rng.standard_normal((5, 16, 8)).astype(np.float32)
w = (rng.standard_normal((8, 8)) / 3).astype(np.float32)
seq = NamedSharding(mesh, P(None, "data"))


def scan_rnn_loss(w, xs):
    def step(h, x):
        h = jnp.tanh(h @ w + x)
        return h, jnp.sum(h)

    h, sums = jax.lax.scan(step, jnp.zeros(xs.shape[1:]), xs)
    return jnp.mean(h**2) + jnp.sum(sums) / 100


save("scan_rnn_loss", scan_rnn_loss, (w, xs), (rep, seq), rep)
save("scan_rnn_grad", jax.grad(scan_rnn_loss), (w, xs), (rep, seq), rep)

# pmap: one row per device, a psum over the mapped axis.
rows = rng.standard_normal((8, 3)).astype(np.float32)
pmap_args = (rows,)
pmapped = export("pmap_psum", lambda: jax.pmap(lambda r: jax.lax.psum(jnp.sin(r), "i") * r, axis_name="i"), pmap_args)
record("pmap_psum", pmapped, pmap_args)
save_vjp("pmap_psum", pmapped, pmap_args)
