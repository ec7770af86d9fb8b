#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a GUI test on its own Xvfb display (found with -displayfd, so parallel tests never
# race for one), with a private XDG data folder for recent files, then stops the server.
set -u

tmp=$(mktemp -d "${TMPDIR:-/tmp}/heapscope-xvfb-XXXXXX")
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!

tries=0
while [ ! -s "$tmp/display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb" 2>/dev/null; then
    echo "xvfb-test-wrapper: Xvfb did not start" >&2
    cat "$tmp/xvfb.log" >&2
    kill "$xvfb" 2>/dev/null
    rm -rf "$tmp"
    exit 99
  fi
  sleep 0.05
done

DISPLAY=":$(head -n 1 "$tmp/display")"
XDG_DATA_HOME="$tmp/data"
XDG_CONFIG_HOME="$tmp/config"
XDG_CACHE_HOME="$tmp/cache"
export DISPLAY XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME

"$@"
status=$?

kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
rm -rf "$tmp"
exit "$status"
