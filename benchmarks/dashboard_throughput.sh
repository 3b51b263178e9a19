#!/usr/bin/env bash
# Training throughput with the dashboard open, against headless `train` on the same
# preset (full speed): epochs a second over a 20 s window in a 120x40 tmux pane,
# versus `nntui train --json` epoch times.
# Usage: benchmarks/dashboard_throughput.sh [PRESET]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-fashion-mnist}
nntui=$PWD/.build/release/nntui
sock=nntui-throughput-$$
tmux -L $sock new-session -d -x 120 -y 40 "$nntui --preset $preset --set training.epochs=100000"
trap 'tmux -L $sock kill-server 2>/dev/null' EXIT
epoch() { tmux -L $sock capture-pane -p | grep -o 'epoch [0-9]*' | head -1 | awk '{print $2}'; }
until [ "$(epoch)" -ge 1 ] 2>/dev/null; do sleep 0.2; done
e0=$(epoch); t0=$(date +%s.%N)
sleep 20
e1=$(epoch); t1=$(date +%s.%N)
tmux -L $sock send-keys q
dash=$(python3 -c "print(($e1 - $e0) / ($t1 - $t0))")
head=$("$nntui" train --preset $preset --epochs 6 --json | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if "final" not in l]
print((len(rows) - 1) / (rows[-1]["seconds"] - rows[0]["seconds"]))')
python3 -c "print(f'dashboard {$dash:.3f} epochs/s, headless {$head:.3f} epochs/s: {100 * $dash / $head:.0f}%')"
