#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that every language in LINGUAS compiles and translates every string of POTFILES.in.
# Usage: check-translations.sh SOURCE_ROOT
set -eu
root="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$work/files"

# the same keywords as meson's i18n 'glib' preset
xgettext --from-code=UTF-8 --add-comments --package-name=heapscope \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dcgettext:2 \
  --keyword=g_dpgettext2:2c,3 \
  --files-from="$work/files" --output="$work/heapscope.pot"

status=0
for lang in $(sed '/^#/d' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: $po is missing"
    status=1
    continue
  fi
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$lang: does not compile"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "$po" "$work/heapscope.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry (msgid "") too when it prints anything
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  echo "$lang: $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid ' | head -20
    status=1
  fi
done
exit $status
