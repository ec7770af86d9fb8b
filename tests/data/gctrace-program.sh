#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stands in for a Go program in the GUI tests: prints GODEBUG to stdout, then gctrace-shaped
# lines to stderr over time (some output of its own between them), then waits or exits.
#   gctrace-program.sh N_CYCLES DELAY_S EXIT_STATUS|wait
n=${1:-5}
delay=${2:-0.1}
end=${3:-0}
echo "# GODEBUG=$GODEBUG"   # a TAP comment when it reaches the test runner's stdout
i=1
while [ "$i" -le "$n" ]; do
  echo "gc $i @$((i / 10)).$((i % 10))00s 1%: 0.010+0.50+0.020 ms clock, 0.040+0.10/0.40/0.30+0.080 ms cpu, 4->4->1 MB, 5 MB goal, 4 P" >&2
  echo "serving request $i" >&2
  i=$((i + 1))
  sleep "$delay"
done
if [ "$end" = wait ]; then
  # until stopped: SIGTERM ends sleep and the shell
  while :; do sleep 1; done
fi
exit "$end"
