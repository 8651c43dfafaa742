#!/usr/bin/env python3
"""Developer tool: fills msgstr entries of a .po file from a JSON object
{msgid: msgstr} (or {"context\\u0004msgid": msgstr}); prints what is still
untranslated. Usage: build-aux/po-fill.py po/zh_CN.po translations.json"""
import json
import re
import sys


def unquote(lines):
    return "".join(json.loads(l[l.index('"'):]) for l in lines)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def main():
    po_path, json_path = sys.argv[1], sys.argv[2]
    table = json.load(open(json_path, encoding="utf-8"))
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    out, missing = [], []
    for block in blocks:
        lines = block.split("\n")
        keys = {}
        cur = None
        for l in lines:
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) ', l)
            if m:
                cur = m.group(1)
                keys[cur] = [l]
            elif l.startswith('"') and cur:
                keys[cur].append(l)
            elif not l.startswith('"'):
                cur = None
        if "msgid" not in keys or unquote(keys["msgid"]) == "":
            out.append(block)
            continue
        msgid = unquote(keys["msgid"])
        ctx = unquote(keys["msgctxt"]) if "msgctxt" in keys else None
        key = (ctx + "\u0004" + msgid) if ctx else msgid
        fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in lines)
        current = unquote(keys.get("msgstr", keys.get("msgstr[0]", ['""'])))
        new = table.get(key)
        if new is None and (current == "" or fuzzy):
            missing.append(key)
            out.append(block)
            continue
        if new is None:
            out.append(block)
            continue
        kept = []
        for l in lines:
            if l.startswith("#,"):
                flags = [f.strip() for f in l[2:].split(",") if f.strip() != "fuzzy"]
                if flags:
                    kept.append("#, " + ", ".join(flags))
                continue
            if l.startswith("#|"):
                continue
            if re.match(r'^(msgstr|"|msgctxt|msgid)', l):
                break
            kept.append(l)
        if ctx is not None:
            kept.append("msgctxt " + quote(ctx))
        kept.append("msgid " + quote(msgid))
        if "msgid_plural" in keys:
            kept.append("msgid_plural " + quote(unquote(keys["msgid_plural"])))
            kept.append("msgstr[0] " + quote(new))
        else:
            kept.append("msgstr " + quote(new))
        out.append("\n".join(kept))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out).rstrip("\n") + "\n")
    for m in missing:
        print("untranslated:", json.dumps(m, ensure_ascii=False))


main()
