#!/usr/bin/env python3
"""Runs nntui bench and its PyTorch and numpy peers in one run, on Fashion-MNIST
784/100/10 relu/softmax with Adam, at batch 128, 32 and 1, and prints the table
with the ratios. Peers are optional: pip install torch numpy (a missing one is
reported and skipped). Usage: python3 benchmarks/run.py [--nntui .build/release/nntui]"""
import argparse
import json
import os
import platform
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--nntui", default=os.path.join(here, "..", ".build", "release", "nntui"))
parser.add_argument("--batches", default="128,32,1")
args = parser.parse_args()


def run(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=here).stdout
        return json.loads(out.strip().splitlines()[-1])
    except (subprocess.CalledProcessError, FileNotFoundError, json.JSONDecodeError, IndexError) as e:
        print(f"skipped {' '.join(cmd[:2])}: {getattr(e, 'stderr', '') or e}".strip(), file=sys.stderr)
        return None


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"machine: {cpu}, {os.cpu_count()} cores; Fashion-MNIST 60,000 samples, 784/100/10 relu/softmax, adam")
print(f"{'batch':>5}  {'peer':8} {'epoch s':>9} {'samples/s':>11} {'GFLOP/s':>8}  {'nntui is':>9}")
for batch in [int(b) for b in args.batches.split(",")]:
    epochs = "1" if batch == 1 else "3"
    ours = run([args.nntui, "bench", "--preset", "fashion-mnist", "--set", f"training.batch={batch}",
                "--set", "data.validation=0", "--epochs", epochs, "--json"])
    limit = ["--max-steps", "3000"] if batch == 1 else []
    peers = {"pytorch": run([sys.executable, "pytorch_peer.py", "--batch", str(batch), "--epochs", epochs] + limit),
             "numpy": run([sys.executable, "numpy_peer.py", "--batch", str(batch), "--epochs", epochs] + limit)}
    if ours:
        print(f"{batch:>5}  {'nntui':8} {ours['epoch_seconds']:9.3f} {ours['samples_per_second']:11,.0f} {ours['gflops']:8.1f}"
              f"  (sgemm peak {ours['peak_gflops']:.0f})")
    for name, r in peers.items():
        if r:
            ratio = f"{r['epoch_seconds'] / ours['epoch_seconds']:.1f}x faster" if ours else "-"
            print(f"{batch:>5}  {name:8} {r['epoch_seconds']:9.3f} {r['samples_per_second']:11,.0f} {r['gflops']:8.1f}  {ratio:>9}")
