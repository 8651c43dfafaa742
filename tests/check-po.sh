#!/usr/bin/env bash
# Fails when po/zh_CN.po is not complete: a string in the sources that the
# catalogue lacks, an untranslated or fuzzy entry, or a source file with
# translatable strings that po/POTFILES.in does not list.
set -euo pipefail
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"

status=0

# 1. Every file with translatable strings is listed in POTFILES.in.
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort > "$tmp/listed"
{
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\s*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' src --include='*.ui' || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml
} | sort -u > "$tmp/found"
missing=$(comm -13 "$tmp/listed" "$tmp/found")
if [ -n "$missing" ]; then
  echo "po/POTFILES.in lacks files with translatable strings:"
  echo "$missing"
  status=1
fi
while read -r f; do
  [ -e "$f" ] || { echo "po/POTFILES.in names a file that does not exist: $f"; status=1; }
done < "$tmp/listed"

# 2. Extract the strings as the build does, and merge them with the catalogue.
xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --files-from=<(grep -v '^#' po/POTFILES.in | sed '/^$/d') \
  --directory="$src" -o "$tmp/messages.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

for po in po/*.po; do
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/messages.pot" -o "$tmp/merged.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$po is not complete. Strings without a translation:"
      msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep '^msgid' | tail -n +2 | head -40
      msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" | grep '^msgid' | head -40
      status=1 ;;
  esac
done
exit $status
