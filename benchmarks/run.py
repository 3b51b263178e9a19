#!/usr/bin/env python3
"""Runs nntui bench and its PyTorch, JAX and numpy peers in one run, on Fashion-MNIST
with Adam: 784/100/10 relu/softmax at batch 128, 32 and 1, and 784/512/512/10 at
batch 128; then nntui on one core (taskset -c 0) against both, for an epoch and for a
six-optimizer two-epoch compare. Prints the tables with the ratios. The peers run in
the benchmark environment (make bench-env: .venv-bench with torch, jax, optax, numpy);
a missing one is reported and skipped.
Usage: .venv-bench/bin/python benchmarks/run.py [--nntui .build/release/nntui]"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--nntui", default=os.path.join(here, "..", ".build", "release", "nntui"))
parser.add_argument("--batches", default="128,32,1")
args = parser.parse_args()


def run(cmd, env=None):
    # a pause first: the previous peer's process (JAX's and torch's thread pools) may
    # still be winding down on the two cores, and the timed epochs are short
    time.sleep(2)
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=here, env=env).stdout
        return json.loads(out.strip().splitlines()[-1])
    except (subprocess.CalledProcessError, FileNotFoundError, json.JSONDecodeError, IndexError) as e:
        print(f"skipped {' '.join(cmd[:2])}: {(getattr(e, 'stderr', '') or str(e)).strip().splitlines()[-1:]}", file=sys.stderr)
        return None


def nntui_bench(batch, layers="784,100,10", epochs="3", one_core=False):
    cmd = [args.nntui, "bench", "--preset", "fashion-mnist", "--set", f"training.batch={batch}",
           "--set", f"network.layers={layers}", "--set", "data.validation=0", "--epochs", epochs, "--json"]
    return run((["taskset", "-c", "0"] if one_core else []) + cmd)


def row(batch, name, r, ours, layers=""):
    ratio = f"{r['epoch_seconds'] / ours['epoch_seconds']:.1f}x faster" if ours and name != "nntui" else ""
    print(f"{batch:>5}  {name:8} {layers:>14} {r['epoch_seconds']:9.3f} {r['samples_per_second']:11,.0f} {r['gflops']:8.1f}  {ratio:>12}")


# This machine pins OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE) because older OpenBLAS
# builds, Debian's 0.3.21 that nntui links among them, compute wrong results or crash
# on its CPU; nntui keeps them. numpy's wheel brings a current OpenBLAS that the pin
# only slows, so numpy alone runs without both (the kernel it picks is printed).
numpy_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"machine: {cpu}, {os.cpu_count()} cores; Fashion-MNIST 60,000 samples, relu/softmax, adam")
print(f"{'batch':>5}  {'peer':8} {'layers':>14} {'epoch s':>9} {'samples/s':>11} {'GFLOP/s':>8}  {'nntui is':>12}")
lines = [(int(b), "784/100/10") for b in args.batches.split(",")] + [(128, "784/512/512/10")]
for batch, layers in lines:
    epochs = "1" if batch == 1 else "3"
    ours = nntui_bench(batch, layers.replace("/", ","), epochs)
    limit = ["--max-steps", "3000"] if batch == 1 else []
    common = ["--batch", str(batch), "--epochs", epochs] + limit
    peers = {"pytorch": run([sys.executable, "pytorch_peer.py", "--layers", layers] + common),
             "jax": run([sys.executable, "jax_peer.py", "--layers", layers] + common),
             "numpy": run([sys.executable, "numpy_peer.py"] + common, env=numpy_env) if layers == "784/100/10" else None}
    if ours:
        row(batch, "nntui", ours, ours, layers)
    for name, r in peers.items():
        if r:
            row(batch, name, r, ours, layers)
    if peers["numpy"] and batch == 128:
        print(f"       (numpy's OpenBLAS kernel: {peers['numpy'].get('blas')}; nntui's: "
              f"{os.environ.get('OPENBLAS_CORETYPE', 'its own choice')}, as this machine pins it)")

if shutil.which("taskset"):
    print("\nnntui on one core (taskset -c 0) and on two")
    for batch in (128, 32):
        one, two = nntui_bench(batch, one_core=True), nntui_bench(batch)
        if one and two:
            print(f"  epoch, batch {batch:>3}: one core {one['epoch_seconds']:.3f} s, two {two['epoch_seconds']:.3f} s "
                  f"({one['epoch_seconds'] / two['epoch_seconds']:.2f}x)")
    compare = [args.nntui, "compare", "--preset", "fashion-mnist", "--epochs", "2"]
    seconds = []
    for prefix in (["taskset", "-c", "0"], []):
        start = time.perf_counter()
        ok = subprocess.run(prefix + compare, capture_output=True, cwd=here).returncode == 0
        seconds.append(time.perf_counter() - start if ok else float("nan"))
    print(f"  six-optimizer 2-epoch compare: one core {seconds[0]:.2f} s, two {seconds[1]:.2f} s ({seconds[0] / seconds[1]:.2f}x)")
    # another process busy on the second core: the data-parallel step must not collapse
    busy = subprocess.Popen(["taskset", "-c", "1", "sh", "-c", "while :; do :; done"])
    try:
        time.sleep(0.5)
        shared = nntui_bench(32)
        single = run([args.nntui, "bench", "--preset", "fashion-mnist", "--set", "training.batch=32", "--set",
                      "data.validation=0", "--set", "training.threads=1", "--epochs", "3", "--json"])
    finally:
        busy.kill()
    if shared and single:
        print(f"  epoch, batch  32, another process busy on core 1: two threads {shared['epoch_seconds']:.3f} s, "
              f"one {single['epoch_seconds']:.3f} s")
