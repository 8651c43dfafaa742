#!/usr/bin/env python3
# check-mnemonics.py SRCDIR: fails when two labels shown together share a
# mnemonic (the underlined letter of Alt+letter), in English or in a
# translation. What is shown together:
#  - the labels of one .ui file with use-underline (a page, a dialog), and
#    the items of each <menu> in it;
#  - the labels one C function gives to mnemonic widgets (message dialog
#    responses, gtk_*_new_with_mnemonic, the items of a menu it builds, and
#    the file's own helpers that label a field or a button), together with
#    those of the helpers of the same file it calls (a dialog built by a
#    helper that adds Cancel);
#  - across files, each window as it is put together (see "Windows" below):
#    the window's own labels (its header) with those of the page shown in
#    its stack, one page at a time, the widgets that page embeds from other
#    .ui files (the case pane inside the Ledger page), the buttons those
#    widgets build in C, and the buttons of the toasts they show (the
#    Intake page's "View Case" with its "Save Case").
# Not checked: labels chosen at run time (a variable passed to
# gtk_button_new_with_mnemonic), and widgets hidden at the same moment are
# counted as shown together (a clash between two of them is reported
# although it could not happen).
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
                 r'ask_choice|add_action_button|g_menu_append|g_menu_item_new)\b'

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

# Windows: the same labels, put together across files.
#
# A unit is a widget class: its .ui template (the class named in
# <template>) and its C files, which are the files named after the .ui
# (rd-case-pane-actions.c is the case pane's) or, without a .ui, the file
# that defines the type (G_DEFINE_FINAL_TYPE). A unit shows:
#  - the use-underline labels of its template; under a GtkStack or an
#    AdwViewStack only one page at a time (each page is a separate scope);
#  - the units its template names (<object class="RdCasePane">) or its C
#    code creates (rd_people_group_new), where they are;
#  - the mnemonic buttons its C code builds in functions that do not build
#    a window of their own (a dialog's buttons are checked above), and the
#    button labels of the toasts it shows (adw_toast_set_button_label: the
#    toast appears in the overlay of the page, over its buttons).
# A window is a unit whose template derives from a window class.

STACKS = ('GtkStack', 'AdwViewStack')
WINDOW_BUILDERS = re.compile(r'\b(adw_message_dialog_new|adw_window_new|gtk_window_new|\w+_dialog_new|'
                             r'gtk_file_chooser_native_new)\s*\(')
C_BUTTONS = re.compile(r'\b(gtk_\w+_new_with_mnemonic|adw_toast_set_button_label)\s*\(')

def literal_labels(body, calls):
    labels = []
    for call in calls.finditer(body):
        depth, k = 1, call.end()
        while k < len(body) and depth > 0:
            depth += {'(': 1, ')': -1}.get(body[k], 0)
            k += 1
        labels += [s for s in re.findall(r'\b_\("((?:[^"\\]|\\.)*)"\)', body[call.end():k]) if mnemonic(s)]
    return labels

def snake(name):
    return re.sub(r'(?<!^)([A-Z])', r'_\1', name).lower()

units = {}          # class name -> {'ui': path, 'window': bool, 'c': [paths]}
ui_of_stem = {}     # (folder, stem) -> class name
for root, dirs, files in os.walk(os.path.join(src, 'src')):
    for f in sorted(files):
        if f.endswith('.ui'):
            path = os.path.join(root, f)
            template = ET.parse(path).getroot().find('template')
            if template is None or not template.get('class', '').startswith('Rd'):
                continue
            cls = template.get('class')
            units[cls] = {'ui': path, 'window': 'Window' in template.get('parent', ''), 'c': []}
            ui_of_stem[(root, f[:-3])] = cls
for root, dirs, files in os.walk(os.path.join(src, 'src')):
    for f in sorted(files):
        if not f.endswith('.c'):
            continue
        path = os.path.join(root, f)
        stem = f[:-2]
        owner = None
        for (folder, ui_stem), cls in ui_of_stem.items():
            if folder == root and (stem == ui_stem or stem.startswith(ui_stem + '-')):
                if owner is None or len(ui_stem) > len(snake(owner)):
                    owner = cls
        if owner is None:
            m = re.search(r'G_DEFINE_(?:FINAL_)?TYPE\w*\s*\((Rd\w+),\s*\w+,\s*(\w+)\)',
                          open(path, encoding='utf-8').read())
            if m is None:
                continue
            owner = m.group(1)
            units.setdefault(owner, {'ui': None, 'window': re.search(r'WINDOW|DIALOG', m.group(2)) is not None,
                                     'c': []})
        units[owner]['c'].append(path)

def c_part(cls):
    """What the unit's C code shows in the unit: its buttons and toasts,
    and the units it creates."""
    labels, children = [], []
    # A window it opens is not shown in it: checked on its own.
    constructors = {snake(other) + '_new': other for other in units if other != cls and not units[other]['window']}
    for path in units[cls]['c']:
        for name, body in c_functions(open(path, encoding='utf-8').read()).items():
            if not WINDOW_BUILDERS.search(body):
                labels += literal_labels(body, C_BUTTONS)
            for constructor, other in constructors.items():
                if re.search(r'\b' + constructor + r'\s*\(', body) and other not in children:
                    children.append(other)
    return labels, children

def element_scopes(element, seen):
    """The label lists shown together under an element: one per choice of
    a page in each stack."""
    scopes = [[]]
    if element.tag == 'object':
        cls = element.get('class', '')
        props = {p.get('name'): (p.text or '') for p in element.findall('property')}
        if props.get('use-underline', '').lower() in ('true', '1', 'yes'):
            label = props.get('label') or props.get('title')
            if label:
                scopes = [[label]]
        if cls in units and cls not in seen:
            scopes = [a + b for a in scopes for b in unit_scopes(cls, seen)]
        if cls in STACKS:
            pages = []
            for child in element.findall('child'):
                pages += element_scopes(child, seen)
            return [a + b for a in scopes for b in (pages or [[]])]
    for child in element:
        if child.tag == 'menu':
            continue
        sub = element_scopes(child, seen)
        if sub != [[]]:
            scopes = [a + b for a in scopes for b in sub]
            if len(scopes) > 1000:
                raise SystemExit(f'{element.tag}: too many combinations of stack pages to check')
    return scopes

def unit_scopes(cls, seen=frozenset()):
    seen = seen | {cls}
    scopes = [[]]
    if units[cls]['ui'] is not None:
        template = ET.parse(units[cls]['ui']).getroot().find('template')
        scopes = element_scopes(template, seen)
    labels, children = c_part(cls)
    for child in children:
        if child not in seen:
            sub = unit_scopes(child, seen)
            scopes = [a + b for a in scopes for b in sub]
    return [scope + labels for scope in scopes]

for cls, unit in sorted(units.items()):
    if not unit['window']:
        continue
    where = os.path.relpath(unit['ui'] or unit['c'][0], src)
    for i, labels in enumerate(unit_scopes(cls)):
        if len(set(labels)) > 1:
            scopes.append((f'{where} as shown ({cls}, choice {i + 1} of the stack pages)', labels))

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
