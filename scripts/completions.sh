#!/usr/bin/env bash
# Writes nntui's shell completions into DIR: bash/nntui, zsh/_nntui, fish/nntui.fish,
# as swift-argument-parser generates them from the commands. In bash, options typed
# before any command belong to the default command (the dashboard, `tui`), so
# `nntui --preset <TAB>` completes as `nntui tui --preset <TAB>` does.
# Usage: scripts/completions.sh path/to/nntui DIR
set -euo pipefail
nntui=$1 dir=$2
mkdir -p "$dir/bash" "$dir/zsh" "$dir/fish"
{
  "$nntui" --generate-completion-script bash
  cat <<'BASH'

# options before any command are the dashboard's (the default command, tui)
_nntui_default_command() {
    if [[ ${COMP_CWORD} -ge 2 && ${COMP_WORDS[1]} == -* && ${COMP_WORDS[1]} != --version && ${COMP_WORDS[1]} != -h && ${COMP_WORDS[1]} != --help ]]; then
        COMP_WORDS=("${COMP_WORDS[0]}" tui "${COMP_WORDS[@]:1}")
        COMP_CWORD=$((COMP_CWORD + 1))
    fi
    _nntui "$@"
}
complete -o filenames -F _nntui_default_command nntui
BASH
} > "$dir/bash/nntui"
"$nntui" --generate-completion-script zsh > "$dir/zsh/_nntui"
"$nntui" --generate-completion-script fish > "$dir/fish/nntui.fish"
