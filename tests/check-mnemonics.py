#!/usr/bin/env python3
# check-mnemonics.py SRCDIR: fails when two labels shown together share a
# mnemonic (the underlined letter of Alt+letter), in English or in a
# translation. What is shown together:
#  - the labels of one .ui file with use-underline (a page, a dialog), and
#    the items of each <menu> in it;
#  - the labels one C function gives to mnemonic widgets (message dialog
#    responses, gtk_*_new_with_mnemonic, and the file's own helpers that
#    label a field or a button), together with those of the helpers of the
#    same file it calls (a dialog built by a helper that adds Cancel).
import os
import re
import sys
import xml.etree.ElementTree as ET

src = sys.argv[1] if len(sys.argv) > 1 else '.'

def mnemonic(label):
    m = re.search(r'\(_(\w)\)', label)          # 取消(_C)
    if m is None:
        m = re.search(r'(?<!_)_(\w)', label)
    return m.group(1).lower() if m else None

def c_unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)

def read_po(path):
    catalog = {}
    msgid = None
    for line in open(path, encoding='utf-8'):
        if line.startswith('msgid "'):
            msgid = c_unescape(line[7:].rstrip('\n')[:-1])
        elif line.startswith('msgstr "') and msgid:
            msgstr = c_unescape(line[8:].rstrip('\n')[:-1])
            if msgstr:
                catalog.setdefault(msgid, msgstr)
            msgid = None
    return catalog

# Calls whose string argument becomes a mnemonic label.
MNEMONIC_CALLS = r'(adw_message_dialog_add_responses?|gtk_button_new_with_mnemonic|gtk_label_new_with_mnemonic|' \
                 r'gtk_check_button_new_with_mnemonic|gtk_file_chooser_native_new|add_row|labelled|new_step_dialog|' \
                 r'ask_choice|add_action_button)\b'

def ui_scopes(path):
    tree = ET.parse(path)
    scopes = []
    page = []
    for obj in tree.iter('object'):
        props = {p.get('name'): (p.text or '') for p in obj.findall('property')}
        if props.get('use-underline', '').lower() in ('true', '1', 'yes'):
            label = props.get('label') or props.get('title')
            if label:
                page.append(label)
    if page:
        scopes.append(page)
    for menu in tree.iter('menu'):
        items = [a.text for a in menu.iter('attribute') if a.get('name') == 'label' and a.text and '_' in a.text]
        if items:
            scopes.append(items)
    return scopes

FUNC_RE = re.compile(r'^(\w+)\s*\(', re.M)

def c_functions(text):
    """name -> body, for the top-level functions of a GNOME-style C file."""
    functions = {}
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        m = re.match(r'^(\w+)\s*\(', lines[i])
        if m and i > 0 and not lines[i].endswith(';'):
            name = m.group(1)
            j = i
            while j < len(lines) and lines[j] != '{':
                if lines[j].endswith(';'):
                    break
                j += 1
            if j < len(lines) and lines[j] == '{':
                k = j
                while k < len(lines) and lines[k] != '}':
                    k += 1
                functions[name] = '\n'.join(lines[j:k + 1])
                i = k
        i += 1
    return functions

DIRECT_CALLS = r'(adw_message_dialog_add_responses?|gtk_\w+_new_with_mnemonic|gtk_file_chooser_native_new)\b'

def call_labels(body, calls):
    labels = []
    for call in re.finditer(calls + r'\s*\(', body):
        # The call's arguments, up to its closing parenthesis.
        depth, k = 1, call.end()
        while k < len(body) and depth > 0:
            depth += {'(': 1, ')': -1}.get(body[k], 0)
            k += 1
        labels += [s for s in re.findall(r'\b_\("((?:[^"\\]|\\.)*)"\)', body[call.end():k]) if mnemonic(s)]
    return labels

def c_scopes(path):
    text = open(path, encoding='utf-8').read()
    functions = c_functions(text)
    own = {name: call_labels(body, MNEMONIC_CALLS) for name, body in functions.items()}
    direct = {name: call_labels(body, DIRECT_CALLS) for name, body in functions.items()}
    calls = {name: [h for h in functions if h != name and re.search(r'\b' + h + r'\s*\(', body)]
             for name, body in functions.items()}
    scopes = []
    for name in functions:
        # What the helpers it calls, at any depth, put up themselves
        # (a Cancel button), not what they pass on to others.
        labels = list(own[name])
        seen, todo = {name}, list(calls[name])
        while todo:
            helper = todo.pop()
            if helper in seen:
                continue
            seen.add(helper)
            labels += direct[helper]
            todo += calls[helper]
        if own[name] and len(labels) > 1:
            scopes.append((name, labels))
    return scopes

def clashes(labels):
    seen = {}
    found = []
    for label in labels:
        key = mnemonic(label)
        if key is None:
            continue
        if key in seen and seen[key] != label:
            found.append((seen[key], label))
        seen.setdefault(key, label)
    return found

catalogs = {}
po_dir = os.path.join(src, 'po')
for lang in open(os.path.join(po_dir, 'LINGUAS')).read().split():
    catalogs[lang] = read_po(os.path.join(po_dir, lang + '.po'))

scopes = []
for root, dirs, files in os.walk(os.path.join(src, 'src')):
    for f in sorted(files):
        path = os.path.join(root, f)
        rel = os.path.relpath(path, src)
        if f.endswith('.ui'):
            scopes += [(rel, labels) for labels in ui_scopes(path)]
        elif f.endswith('.c'):
            scopes += [(rel + ': ' + name, labels) for name, labels in c_scopes(path)]

status = 0
n = 0
for where, labels in scopes:
    n += 1
    # A label shown twice (Cancel in a helper and its caller) is one label.
    labels = list(dict.fromkeys(labels))
    for a, b in clashes(labels):
        print(f'{where}: “{a}” and “{b}” share a mnemonic')
        status = 1
    for lang, catalog in catalogs.items():
        translated = [catalog.get(l, l) for l in labels]
        for a, b in clashes(translated):
            print(f'{where} ({lang}): “{a}” and “{b}” share a mnemonic')
            status = 1

print(f'{n} windows, dialogs and menus checked')
sys.exit(status)
