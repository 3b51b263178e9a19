#!/usr/bin/env bash
# Regenerates docs/dashboard.png: the dashboard at 120x40 in colour, in a real terminal
# (tmux), a few seconds into the default preset, rendered by scripts/screenshot.py.
# Needs a release build (make release) and Pillow in .venv (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build/release/nntui ] || swift build -c release --product nntui
.venv/bin/python -c "import PIL" 2>/dev/null || .venv/bin/pip install -q pillow
socket="$(mktemp -u /tmp/nntui-shot-XXXXXX)"
trap 'tmux -S "$socket" kill-server 2>/dev/null || true' EXIT
tmux -S "$socket" new-session -d -s shot -x 120 -y 40 "env TERM=xterm-256color .build/release/nntui"
sleep "${SHOT_SECONDS:-12}"
tmux -S "$socket" capture-pane -t shot -e -p | .venv/bin/python scripts/screenshot.py docs/dashboard.png
echo "wrote docs/dashboard.png"
