"""Fashion-MNIST from Debian's dataset-fashion-mnist package, as float32 in [0, 1]
(the same min-max scaling nntui's fashion-mnist preset fits), shared by the peers."""
import gzip
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
