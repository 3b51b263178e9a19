#!/usr/bin/env bash
# Heap allocations per mini-batch in steady state: trains Fashion-MNIST for E and
# E+1 epochs under an allocation-counting LD_PRELOAD shim; the difference is one
# epoch's allocations, divided by its mini-batches.
# Usage: benchmarks/allocations.sh [BATCH]
set -euo pipefail
cd "$(dirname "$0")"
batch=${1:-128}
nntui=../.build/release/nntui
gcc -O2 -shared -fPIC malloc_count.c -o /tmp/nntui-malloc-count.so -ldl
count() {
  LD_PRELOAD=/tmp/nntui-malloc-count.so NNTUI_OPENBLAS_KERNEL_CHOSEN=1 "$nntui" train --preset fashion-mnist \
    --set training.batch="$batch" --set data.validation=0 --epochs "$1" --quiet 2>&1 | awk '/^allocations/ {print $2}' | tail -1
}
a=$(count 2); b=$(count 3)
batches=$(( (60000 + batch - 1) / batch ))
echo "batch $batch: $a allocations for 2 epochs, $b for 3: $((b - a)) in one epoch of $batches mini-batches"
python3 -c "print(f'allocations per mini-batch: {($b - $a) / $batches:.4f}')"
