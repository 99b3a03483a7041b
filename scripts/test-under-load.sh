#!/usr/bin/env bash
# Runs `npm test` again and again on a busy machine, to find tests that fail at random.
#
#   scripts/test-under-load.sh [--runs N] [--busy K] [--shuffle] [--log DIR] [-- vitest args...]
#
# --runs N     how many runs in a row (default 10)
# --busy K     how many busy-loop processes run beside the suite (default 2: one per core here)
# --shuffle    shuffle file and test order, with a new seed each run (printed, so a failure can be replayed
#              with `npx vitest run --sequence.shuffle --sequence.seed=SEED`)
# --log DIR    where each run's output goes (default: a new temporary directory)
#
# Exits 0 only when every run passed; prints one line per run and, for a failed run, the failing tests.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=10 busy=2 shuffle=0 log=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --busy) busy="$2"; shift 2 ;;
    --shuffle) shuffle=1; shift ;;
    --log) log="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-under-load: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$log" ] || log="$(mktemp -d -t sealog-load-XXXXXX)"
mkdir -p "$log"

pids=()
stop_busy() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait "${pids[@]}" 2>/dev/null; }
trap stop_busy EXIT
for _ in $(seq 1 "$busy"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done

failed=0
for i in $(seq 1 "$runs"); do
  args=()
  seed=""
  if [ "$shuffle" = 1 ]; then
    seed=$(( (RANDOM << 15) | RANDOM ))
    args+=(--sequence.shuffle "--sequence.seed=$seed")
  fi
  out="$log/run-$i.log"
  start=$(date +%s)
  npx vitest run "${args[@]}" "${extra[@]}" >"$out" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^ *Tests ' | tr -s ' ' | tail -1)
  echo "run $i/$runs: exit $rc in ${secs}s${seed:+ seed $seed}:${summary}"
  if [ "$rc" != 0 ]; then
    failed=$((failed + 1))
    sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^ *(FAIL|×) ' | sort -u | sed 's/^/    /'
  fi
done
echo "test-under-load: $failed of $runs run(s) failed; logs in $log"
[ "$failed" = 0 ]
