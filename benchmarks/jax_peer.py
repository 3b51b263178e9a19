"""The JAX peer of `nntui bench --preset fashion-mnist`: the same network (relu hidden
layers, softmax cross-entropy), optax Adam (lr 1e-3), shuffled mini-batches of the
60,000 samples, one jit-compiled step (forward, grad, update). Prints one JSON object
with nntui bench's keys. Runs in the benchmark environment (make bench-env)."""
import json

import jax
import jax.numpy as jnp
import numpy as np
import optax

from fashion_data import arguments, flops_per_sample, load, time_epochs

args = arguments()
sizes = args.sizes

x, y = load()
x, y = jnp.asarray(x), jnp.asarray(y)
key = jax.random.PRNGKey(1)
params = []
for n_in, n_out in zip(sizes, sizes[1:]):
    key, sub = jax.random.split(key)
    bound = 1 / np.sqrt(n_in)
    params.append((jax.random.uniform(sub, (n_in, n_out), minval=-bound, maxval=bound), jnp.zeros(n_out)))
opt = optax.adam(1e-3)
state = opt.init(params)


def loss(params, xb, yb):
    a = xb
    for w, b in params[:-1]:
        a = jax.nn.relu(a @ w + b)
    w, b = params[-1]
    return optax.softmax_cross_entropy_with_integer_labels(a @ w + b, yb).mean()


@jax.jit
def update(params, state, xb, yb):
    grads = jax.grad(loss)(params, xb, yb)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


def step(idx):
    global params, state
    params, state = update(params, state, x[idx], y[idx])
    jax.block_until_ready(params)


n = len(x)
median = time_epochs(step, n, args.batch, args.epochs, args.max_steps)
print(json.dumps({"peer": "jax", "epoch_seconds": median, "samples_per_second": n / median,
                  "gflops": flops_per_sample(sizes) * n / median / 1e9, "batch": args.batch,
                  "layers": args.layers, "optimizer": "adam", "threads": jax.device_count()}))
