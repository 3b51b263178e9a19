"""The numpy peer of `nntui bench --preset fashion-mnist`: the lecture's equations
with samples in columns, 784/100/10 relu, softmax cross-entropy, Adam (lr 1e-3).
Prints one JSON object with nntui bench's keys. Runs in the benchmark environment (make bench-env)."""
import json
import numpy as np

from fashion_data import arguments, flops_per_sample, load, time_epochs

args = arguments()

x, y = load()
X, T = x.T.copy(), np.eye(10, dtype=np.float32)[y].T.copy()  # samples in columns
n = X.shape[1]
rng = np.random.default_rng(1)


def blas_kernel():
    """The OpenBLAS kernel numpy runs (from threadpoolctl), or None."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return next((i.get("architecture") for i in threadpool_info() if i.get("internal_api") == "openblas"), None)

W = [rng.normal(0, np.sqrt(2 / 784), (100, 784)).astype(np.float32), rng.normal(0, np.sqrt(2 / 100), (10, 100)).astype(np.float32)]
b = [np.zeros((100, 1), np.float32), np.zeros((10, 1), np.float32)]
params = W + b
m = [np.zeros_like(p) for p in params]
v = [np.zeros_like(p) for p in params]
t = 0


def step(xb, tb):
    global t
    k = xb.shape[1]
    z1 = W[0] @ xb + b[0]
    a1 = np.maximum(z1, 0)
    z2 = W[1] @ a1 + b[1]
    e = np.exp(z2 - z2.max(axis=0))
    d2 = e / e.sum(axis=0) - tb                     # delta[L] = Y - T
    d1 = (W[1].T @ d2) * (z1 > 0)                    # delta[1] = f'(Z1) (.) W2^T delta[2]
    grads = [d1 @ xb.T / k, d2 @ a1.T / k, d1.sum(axis=1, keepdims=True) / k, d2.sum(axis=1, keepdims=True) / k]
    t += 1
    for p, g, mi, vi in zip(params, grads, m, v):
        mi *= 0.9; mi += 0.1 * g
        vi *= 0.999; vi += 0.001 * g * g
        p -= 1e-3 * (mi / (1 - 0.9 ** t)) / (np.sqrt(vi / (1 - 0.999 ** t)) + 1e-8)


median = time_epochs(lambda idx: step(X[:, idx], T[:, idx]), n, args.batch, args.epochs, args.max_steps, rng.permutation)
print(json.dumps({"peer": "numpy", "epoch_seconds": median, "samples_per_second": n / median,
                  "gflops": flops_per_sample([784, 100, 10]) * n / median / 1e9, "batch": args.batch,
                  "layers": "784/100/10", "optimizer": "adam", "blas": blas_kernel()}))
