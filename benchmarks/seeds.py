"""Many runs at once: spiral-tanh's network (2/16/16/3 tanh, softmax and cross-entropy,
Adam 0.003, batch 32, 480 training samples) over 32 seeds for 200 epochs, in nntui
(`compare --seeds 32`) and in its peers run beside it: JAX with `jit(vmap(step))` over
the seeds and optax Adam (a call a mini-batch, and fused: an epoch a call by `lax.scan`), PyTorch with the seeds' weights stacked (`baddbmm`, one Adam),
and PyTorch's 32 ordinary models one after another (4 timed, scaled to 32). Each seed has
its own initial weights and its own mini-batch order. Prints a table of wall times; runs
in the benchmark environment (make bench-env). Usage: seeds.py NNTUI [SEEDS] [EPOCHS]."""
import os
import subprocess
import sys
import time

import numpy as np

NNTUI = sys.argv[1]
SEEDS = int(sys.argv[2]) if len(sys.argv) > 2 else 32
EPOCHS = int(sys.argv[3]) if len(sys.argv) > 3 else 200
SIZES, BATCH, LR, N = [2, 16, 16, 3], 32, 0.003, 480


def spiral(n=600, seed=1):
    """Three arms, as nntui's spiral: r = t, angle = 6t + 2πk/3, noise 0.05; the first 480 train."""
    rng = np.random.default_rng(seed)
    i = np.arange(n)
    k, t = i % 3, (i // 3) / ((n + 2) // 3)
    angle = 6 * t + 2 * np.pi * k / 3
    x = np.stack([t * np.cos(angle), t * np.sin(angle)], 1) + 0.05 * rng.standard_normal((n, 2))
    order = rng.permutation(n)[:N]
    return x[order].astype(np.float32), k[order].astype(np.int64)


X, Y = spiral()
# each seed's mini-batch order, every epoch: [epochs, seeds, N]
ORDERS = np.stack([np.stack([np.random.default_rng(1000 * e + s).permutation(N) for s in range(SEEDS)])
                   for e in range(EPOCHS)])


def timed(label, run):
    start = time.perf_counter()
    run()
    return label, time.perf_counter() - start


def nntui():
    subprocess.run([NNTUI, "compare", "--preset", "spiral-tanh", "--optimizers", "adam", "--seeds", str(SEEDS),
                    "--epochs", str(EPOCHS), "--json"], check=True, stdout=subprocess.DEVNULL)


def jax_vmap(fused=False):
    import jax
    import jax.numpy as jnp
    import optax

    def init(key):
        params = []
        for n_in, n_out in zip(SIZES, SIZES[1:]):
            key, sub = jax.random.split(key)
            bound = np.sqrt(6 / (n_in + n_out))
            params.append((jax.random.uniform(sub, (n_in, n_out), minval=-bound, maxval=bound), jnp.zeros(n_out)))
        return params

    opt = optax.adam(LR)
    x, y = jnp.asarray(X), jnp.asarray(Y)

    def loss(params, xb, yb):
        a = xb
        for w, b in params[:-1]:
            a = jnp.tanh(a @ w + b)
        w, b = params[-1]
        return optax.softmax_cross_entropy_with_integer_labels(a @ w + b, yb).mean()

    def epoch(params, state, order):
        def step(carry, idx):
            params, state = carry
            grads = jax.grad(loss)(params, x[idx], y[idx])
            updates, state = opt.update(grads, state)
            return (optax.apply_updates(params, updates), state), None
        batches = order[: (N // BATCH) * BATCH].reshape(-1, BATCH)
        (params, state), _ = jax.lax.scan(step, (params, state), batches)
        return params, state

    def step(params, state, idx):
        grads = jax.grad(loss)(params, x[idx], y[idx])
        updates, state = opt.update(grads, state)
        return optax.apply_updates(params, updates), state

    run_epoch = jax.jit(jax.vmap(epoch))
    run_step = jax.jit(jax.vmap(step))
    params = jax.vmap(init)(jax.random.split(jax.random.PRNGKey(1), SEEDS))
    state = jax.vmap(opt.init)(params)
    orders = jnp.asarray(ORDERS)
    # compiled before the clock starts
    jax.block_until_ready(run_epoch(params, state, orders[0]) if fused else run_step(params, state, orders[0][:, :BATCH]))

    def go():
        p, s = params, state
        for e in range(EPOCHS):
            if fused:
                p, s = run_epoch(p, s, orders[e])
                continue
            for start in range(0, (N // BATCH) * BATCH, BATCH):
                p, s = run_step(p, s, orders[e][:, start:start + BATCH])
        jax.block_until_ready(p)
    return go


def torch_stacked():
    import torch
    torch.manual_seed(1)
    ws = [torch.nn.Parameter(torch.empty(SEEDS, i, o).uniform_(-1, 1) * np.sqrt(6 / (i + o)))
          for i, o in zip(SIZES, SIZES[1:])]
    bs = [torch.nn.Parameter(torch.zeros(SEEDS, 1, o)) for o in SIZES[1:]]
    opt = torch.optim.Adam(ws + bs, lr=LR)
    x, y = torch.from_numpy(X), torch.from_numpy(Y)
    orders = torch.from_numpy(ORDERS)

    def go():
        for e in range(EPOCHS):
            for start in range(0, N, BATCH):
                idx = orders[e][:, start:start + BATCH]          # [seeds, batch]
                a = x[idx]                                      # [seeds, batch, 2]
                for w, b in zip(ws[:-1], bs[:-1]):
                    a = torch.tanh(torch.baddbmm(b, a, w))
                z = torch.baddbmm(bs[-1], a, ws[-1])
                # the sum of each seed's mean loss: each seed's gradient is its own
                loss = torch.nn.functional.cross_entropy(z.reshape(-1, 3), y[idx].reshape(-1), reduction="none")
                loss = loss.reshape(SEEDS, -1).mean(1).sum()
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
    return go


def torch_sequential(models=4):
    import torch
    x, y = torch.from_numpy(X), torch.from_numpy(Y)

    def go():
        for s in range(models):
            torch.manual_seed(s)
            net = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16),
                                      torch.nn.Tanh(), torch.nn.Linear(16, 3))
            opt = torch.optim.Adam(net.parameters(), lr=LR)
            for e in range(EPOCHS):
                order = torch.from_numpy(ORDERS[e][s % SEEDS])
                for start in range(0, N, BATCH):
                    idx = order[start:start + BATCH]
                    loss = torch.nn.functional.cross_entropy(net(x[idx]), y[idx])
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()
    return go, SEEDS / models


if __name__ == "__main__":
    kernel = subprocess.run([NNTUI, "--version"], capture_output=True, text=True).stdout.strip()
    rows = [timed("nntui compare --seeds", nntui)]
    rows.append(timed("JAX jit(vmap(step)), optax Adam", jax_vmap()))
    rows.append(timed("JAX, an epoch a call (jit(vmap(lax.scan)))", jax_vmap(fused=True)))
    rows.append(timed("PyTorch, weights stacked, baddbmm", torch_stacked()))
    go, scale = torch_sequential()
    label, seconds = timed("PyTorch, one model after another", go)
    rows.append((label + f" (x{scale:g})", seconds * scale))
    print(f"{SEEDS} seeds x {EPOCHS} epochs, 2/16/16/3 tanh, Adam, batch {BATCH}, {N} samples; {kernel}")
    print(f"{os.cpu_count()} CPUs; {'peer':42s} {'wall s':>8s} {'per epoch ms':>13s}  nntui is")
    base = rows[0][1]
    for label, s in rows:
        ratio = "" if label.startswith("nntui") else f"{s / base:.1f}x faster" if s > base else f"{base / s:.1f}x slower"
        print(f"  {label:48s} {s:8.2f} {1000 * s / EPOCHS:13.2f}  {ratio}")
