"""Fashion-MNIST from Debian's dataset-fashion-mnist package, as float32 in [0, 1]
(the same min-max scaling nntui's fashion-mnist preset fits), shared by the peers."""
import argparse
import gzip
import statistics
import time

import numpy as np

FOLDER = "/usr/share/datasets/fashion-mnist"


def load(split="train"):
    with gzip.open(f"{FOLDER}/{split}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with gzip.open(f"{FOLDER}/{split}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return images.astype(np.float32) / 255.0, labels


def flops_per_sample(sizes):
    """Forward 2 N_w, dC/dW 2 N_w, W^T delta 2 N_w minus the first layer's (as nntui bench)."""
    products = [a * b for a, b in zip(sizes, sizes[1:])]
    return 6 * sum(products) - 2 * products[0]


def time_epochs(step, n, batch, epochs, max_steps=0, permutation=np.random.permutation):
    """Median seconds of a whole epoch after one warm-up epoch: `step(indices)` per
    mini-batch of a fresh permutation; with `max_steps` only that many batches are
    timed and the time scaled to the epoch (batch 1 would take minutes)."""
    def epoch():
        perm = permutation(n)
        steps = 0
        start = time.perf_counter()
        for i in range(0, n, batch):
            step(perm[i:i + batch])
            steps += 1
            if max_steps and steps >= max_steps:
                break
        return (time.perf_counter() - start) * n / min(n, steps * batch)

    epoch()
    return statistics.median(epoch() for _ in range(epochs))


def arguments():
    """The peers' options: --batch, --epochs, --layers (N0/.../NL), --max-steps."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--layers", default="784/100/10")
    parser.add_argument("--max-steps", type=int, default=0, help="time only this many mini-batches per epoch (batch 1)")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.layers.split("/")]
    return args
