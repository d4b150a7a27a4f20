#!/usr/bin/env bash
# run_tests.sh BOT [LAYER] [-- go test flags]
#   ./run_tests.sh voyachat            every layer against voyachat
#   ./run_tests.sh voyachat 08         only L08_security
#   ./run_tests.sh all 04              L04_webhook for every bot
#   ./run_tests.sh cambialeon -- -run TestWebhook -v
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
bots_dir=${CAAS_BOTS_DIR:-$root/bots}

known_bots() {
  local f n
  for f in "$bots_dir"/*.yaml; do
    [ -e "$f" ] || continue
    n=$(basename "$f" .yaml)
    case "$n" in _* | example*) continue ;; esac
    echo "$n"
  done
}
known_layers() { (cd layers 2>/dev/null && ls -d L[0-9][0-9]_* 2>/dev/null) || true; }

usage() {
  cat <<USAGE
usage: ./run_tests.sh BOT [LAYER] [-- go test flags]

  BOT     a manifest in $bots_dir, or "all" for every bot
          known: $(known_bots | tr '\n' ' ')
  LAYER   a layer number or name (08, L08, security, L08_security); default: all layers
          known: $(known_layers | tr '\n' ' ')
  flags   passed to go test after "--" (e.g. -- -v -run TestWebhook -count=1)

env: CAAS_BOTS_DIR (manifest directory), CAAS_DATABASE_URL (PostgreSQL),
     CAAS_REFBOT_DEFECTS (seeded defects for an embedded reference bot)
USAGE
}

if [ $# -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  usage
  [ $# -eq 0 ] && exit 2 || exit 0
fi

bot=$1
shift
layer=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  layer=$1
  shift
fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
extra=("$@")

if [ "$bot" = "all" ]; then
  bots=$(known_bots)
else
  # (the list is read whole first: grep -q stopping early would SIGPIPE the
  # lister, and pipefail would then call a known bot unknown)
  all_bots=$(known_bots)
  if ! grep -qx -- "$bot" <<<"$all_bots"; then
    echo "run_tests.sh: unknown bot \"$bot\"; known bots in $bots_dir: $(known_bots | tr '\n' ' ')" >&2
    exit 2
  fi
  bots=$bot
fi

pkgs=("./layers/...")
if [ -n "$layer" ]; then
  want=${layer#L}
  want=${want#l}
  match=""
  for l in $(known_layers); do
    num=${l:1:2}
    name=${l:4}
    if [ "$want" = "$num" ] || [ "$layer" = "$l" ] || [ "$want" = "$name" ] || [ "$want" = "${num}_$name" ]; then
      match=$l
    fi
  done
  if [ -z "$match" ]; then
    echo "run_tests.sh: unknown layer \"$layer\"; known layers: $(known_layers | tr '\n' ' ')" >&2
    exit 2
  fi
  pkgs=("./layers/$match/...")
fi

status=0
for b in $bots; do
  echo "== $b: go test ${pkgs[*]} -bot=$b ${extra[*]:-}"
  go test "${pkgs[@]}" -bot="$b" "${extra[@]}" || status=1
done
exit $status
