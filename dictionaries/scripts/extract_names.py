#!/usr/bin/env python3
"""Extract tadqiq's proper-noun word lists from CLDR and arabnamer.

Run once by a developer when the lists are (re)made; never at build or run time. Python >= 3.8,
standard library only. Output is byte-reproducible: the same sources give the same files whatever
the paths they were unpacked to. See dictionaries/names/README.md.

Getting the sources (any scratch directory; /tmp/names_src here):

    mkdir -p /tmp/names_src && cd /tmp/names_src
    apt-get download unicode-cldr-core          # unicode-cldr-core_41-0.1_all.deb (Debian 12)
    dpkg-deb -x unicode-cldr-core_41-0.1_all.deb cldr
    pip download arabnamer==0.1.3 --no-deps -d .
    python3 -m zipfile -e arabnamer-0.1.3-py3-none-any.whl arabnamer    # or: unzip -d arabnamer ...

Then, from the repository root:

    python3 dictionaries/scripts/extract_names.py \
        --cldr /tmp/names_src/cldr --arabnamer /tmp/names_src/arabnamer

--cldr is the directory the .deb was unpacked into (it holds usr/share/unicode/cldr/common and
usr/share/doc/unicode-cldr-core); --arabnamer is the directory the wheel was unzipped into (it
holds arabnamer/data/dict_FINAL.json and arabnamer-0.1.3.dist-info). Both may also point at an
installed copy (/ for the Debian package installed, site-packages for the pip package).

Writes into dictionaries/names/ (or --out):

- cldr.txt            tokens of CLDR's Arabic display names: territories, languages and scripts,
                      exemplar cities, currencies (main/ar.xml and main/ar_*.xml), subdivisions
                      (subdivisions/ar*.xml)
- arabnamer.txt       tokens of the Arabic values of arabnamer's dict_FINAL.json
- LICENSE-CLDR.txt    the Unicode licence, from the Debian package's copyright file
- LICENSE-arabnamer.txt  attribution + the package's LICENSE-DATA (CC-BY-4.0)

Tokens: each entry is NFC-normalised, harakat (U+064B-U+0652, U+0670) and tatweel (U+0640) are
deleted, and the entry is split at every character that is not a letter (spaces, hyphens and
dashes, the Arabic comma, brackets, digits, ZWNJ, RLM, ...). A token is kept if it is made only of
Arabic letters U+0621-U+064A and has at least 3 of them; so Latin tokens and tokens holding Persian
letters (e.g. U+06CC FARSI YEH, found in five CLDR subdivisions) are dropped, not respelled. The
tokens are deduplicated and sorted by code point. Nothing is filtered against the lexicon here:
the dictionary build drops names that become lexicon words when a hamza, ة or ى is restored.

CLDR entries whose codes are placeholders or not names are skipped (see SKIP): unknown/multiple/
no language, unknown region and city, pseudo-locale regions, generic script codes (symbols,
emoji, maths, inherited, common, unwritten, unknown), and the unknown, test and precious-metal
currency codes. Their display names are ordinary words (غير، معروفة، مدينة، ذهب، فضة).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

CLDR_VERSION = "41-0.1"
ARABNAMER_VERSION = "0.1.3"

STRIP = re.compile("[\u064B-\u0652\u0670\u0640]")
ARABIC_WORD = re.compile("[\u0621-\u064A]{3,}")

# CLDR codes whose display names are not names (element -> codes).
SKIP = {
    "territory": {"ZZ", "XA", "XB"},
    "language": {"und", "zxx", "mul", "mis"},
    "script": {"Zinh", "Zmth", "Zsye", "Zsym", "Zxxx", "Zyyy", "Zzzz"},
    "currency": {"XXX", "XTS", "XAG", "XAU", "XPD", "XPT"},
    "zone": {"Etc/Unknown"},
}

GET_SOURCES = [
    "apt-get download unicode-cldr-core && dpkg-deb -x unicode-cldr-core_41-0.1_all.deb cldr",
    "pip download arabnamer==0.1.3 --no-deps -d . && "
    "python3 -m zipfile -e arabnamer-0.1.3-py3-none-any.whl arabnamer",
]
COMMAND = "python3 dictionaries/scripts/extract_names.py --cldr cldr --arabnamer arabnamer"


def tokens(text: str):
    """The single-word Arabic tokens of one entry."""
    text = STRIP.sub("", unicodedata.normalize("NFC", text))
    word = []
    for ch in text + " ":
        if unicodedata.category(ch).startswith(("L", "M")):
            word.append(ch)
            continue
        if word:
            w = "".join(word)
            word = []
            if ARABIC_WORD.fullmatch(w):
                yield w


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def die(msg: str):
    sys.exit(f"extract_names: {msg}")


# ---------------------------------------------------------------------------------------------
# CLDR

def cldr_version(root: str) -> str:
    path = os.path.join(root, "usr/share/doc/unicode-cldr-core/changelog.Debian.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            m = re.match(r"unicode-cldr-core \(([^)]+)\)", f.readline())
    except OSError as e:
        die(f"cannot read {path}: {e}")
    if not m:
        die(f"{path}: no version on the first line")
    return m.group(1)


def cldr_entries(common: str):
    """(category, text) for every Arabic display name the list is made from."""
    mains = sorted(glob.glob(os.path.join(common, "main", "ar.xml"))
                   + glob.glob(os.path.join(common, "main", "ar_*.xml")))
    subs = sorted(glob.glob(os.path.join(common, "subdivisions", "ar.xml"))
                  + glob.glob(os.path.join(common, "subdivisions", "ar_*.xml")))
    if not mains or not subs:
        die(f"no main/ar*.xml or subdivisions/ar*.xml under {common}")
    out = []
    for p in mains:
        root = ET.parse(p).getroot()
        for kind, plural in (("territory", "territories"), ("language", "languages"),
                             ("script", "scripts")):
            for e in root.iterfind(f".//localeDisplayNames/{plural}/{kind}"):
                if e.get("type") not in SKIP[kind] and e.text:
                    out.append((kind, e.text))
        for zone in root.iterfind(".//timeZoneNames/zone"):
            if zone.get("type") in SKIP["zone"]:
                continue
            for e in zone.iterfind("exemplarCity"):
                if e.text:
                    out.append(("city", e.text))
        for cur in root.iterfind(".//currencies/currency"):
            if cur.get("type") in SKIP["currency"]:
                continue
            for e in cur.iterfind("displayName"):
                if e.text:
                    out.append(("currency", e.text))
    for p in subs:
        for e in ET.parse(p).getroot().iterfind(".//subdivisions/subdivision"):
            if e.text:
                out.append(("subdivision", e.text))
    return mains, subs, out


def unicode_licence(root: str) -> str:
    """The licence paragraph of the Debian copyright file, un-indented."""
    path = os.path.join(root, "usr/share/doc/unicode-cldr-core/copyright")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next((i for i, l in enumerate(lines) if l.startswith("License:")), None)
    if start is None:
        die(f"{path}: no License: field")
    name = lines[start].split(":", 1)[1].strip()
    body = []
    for l in lines[start + 1:]:
        if not l.startswith(" "):
            break
        l = l[1:]
        body.append("" if l == "." else l)
    copyright_line = next((l.split(":", 1)[1].strip() for l in lines if l.startswith("Copyright:")), "")
    return name, copyright_line, "\n".join(body).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# arabnamer

def dist_info(root: str) -> str:
    cands = sorted(glob.glob(os.path.join(root, "arabnamer-*.dist-info")))
    if not cands:
        die(f"no arabnamer-*.dist-info under {root}")
    return cands[-1]


def metadata(path: str) -> dict:
    meta = {}
    with open(os.path.join(path, "METADATA"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                break
            if ":" in line and not line.startswith(" "):
                k, v = line.split(":", 1)
                meta.setdefault(k, v.strip())
    return meta


def licence_file(info: str, name: str) -> str:
    for sub in ("licenses", ""):
        p = os.path.join(info, sub, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                return f.read()
    die(f"{name} not found in {info}")


# ---------------------------------------------------------------------------------------------

def header(lines):
    return "".join(("# " + l).rstrip() + "\n" for l in lines)


def write(path: str, text: str):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cldr", required=True, help="where unicode-cldr-core's .deb was unpacked")
    ap.add_argument("--arabnamer", required=True, help="where the arabnamer wheel was unzipped")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "names"), help="dictionaries/names")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    # --- CLDR
    common = os.path.join(a.cldr, "usr/share/unicode/cldr/common")
    version = cldr_version(a.cldr)
    if version != CLDR_VERSION:
        print(f"warning: unicode-cldr-core {version}, the documented one is {CLDR_VERSION}",
              file=sys.stderr)
    mains, subs, entries = cldr_entries(common)
    per_kind = {}
    cldr_tokens = set()
    for kind, text in entries:
        ts = set(tokens(text))
        per_kind.setdefault(kind, set()).update(ts)
        cldr_tokens |= ts
    lic_name, lic_copyright, lic_text = unicode_licence(a.cldr)
    upstream = version.split("-")[0]
    hashes = [f"  {os.path.relpath(p, common)}  sha256 {sha256(p)}"
              for p in (os.path.join(common, "main", "ar.xml"), subs[0])]
    head = header([
        "Arabic proper-noun tokens from the Unicode Common Locale Data Repository (CLDR).",
        f"Source: Debian package unicode-cldr-core {version} (CLDR {upstream}),",
        "  /usr/share/unicode/cldr/common: main/ar.xml and main/ar_*.xml (territories, languages,",
        "  scripts, exemplar cities, currencies) and subdivisions/ar.xml (subdivisions).",
        *hashes,
        f"Licence: {lic_name} (Unicode licence), see LICENSE-CLDR.txt beside this file.",
        f"Attribution: Copyright {lic_copyright.rstrip('.')}. Data from the Unicode CLDR,",
        "  https://cldr.unicode.org/. Changed: split into single words, harakat and tatweel",
        "  removed, words of fewer than 3 Arabic letters and non-Arabic words dropped.",
        "Made by (see dictionaries/names/README.md):",
        "  " + GET_SOURCES[0],
        "  " + COMMAND,
        f"{len(cldr_tokens)} tokens, one a line, sorted by code point.",
    ])
    write(os.path.join(a.out, "cldr.txt"), head + "".join(t + "\n" for t in sorted(cldr_tokens)))
    write(os.path.join(a.out, "LICENSE-CLDR.txt"),
          f"cldr.txt in this folder is derived from the Unicode Common Locale Data\n"
          f"Repository (CLDR {upstream}), as packaged by Debian in unicode-cldr-core {version}.\n"
          f"Licence as stated in that package's copyright file (License: {lic_name}):\n\n"
          + lic_text)

    # --- arabnamer
    info = dist_info(a.arabnamer)
    meta = metadata(info)
    if meta.get("Version") != ARABNAMER_VERSION:
        print(f"warning: arabnamer {meta.get('Version')}, the documented one is {ARABNAMER_VERSION}",
              file=sys.stderr)
    dpath = os.path.join(a.arabnamer, "arabnamer", "data", "dict_FINAL.json")
    with open(dpath, encoding="utf-8") as f:
        d = json.load(f)
    an_tokens = set()
    for v in d.values():
        an_tokens.update(tokens(v))
    lic_data = licence_file(info, "LICENSE-DATA")
    author = meta.get("Author-email", "").split("<")[0].strip()
    home = meta.get("Project-URL", "").split(",", 1)[-1].strip()
    head = header([
        "Arabic name tokens from arabnamer's English -> Arabic name dictionary.",
        f"Source: PyPI arabnamer {meta.get('Version')} (wheel arabnamer-{meta.get('Version')}-py3-none-any.whl),",
        f"  arabnamer/data/dict_FINAL.json, the Arabic values of its {len(d)} pairs,",
        f"  sha256 {sha256(dpath)}.",
        "Licence: CC-BY-4.0 (dataset; the package's code is MIT), see LICENSE-arabnamer.txt.",
        f"Attribution: \"Uses arabnamer's Arabic name dictionary (Yousef, E., 2026).",
        f"  {home} Licensed under CC-BY-4.0.\" Author: {author}.",
        "  Changed: split into single words, harakat and tatweel removed, words of fewer than",
        "  3 Arabic letters and non-Arabic words dropped.",
        "Made by (see dictionaries/names/README.md):",
        "  " + GET_SOURCES[1],
        "  " + COMMAND,
        f"{len(an_tokens)} tokens, one a line, sorted by code point.",
    ])
    write(os.path.join(a.out, "arabnamer.txt"), head + "".join(t + "\n" for t in sorted(an_tokens)))
    write(os.path.join(a.out, "LICENSE-arabnamer.txt"),
          "arabnamer.txt in this folder is derived from the name dictionary of arabnamer\n"
          f"{meta.get('Version')} ({home}), by {author}.\n"
          "It holds the single Arabic words of the Arabic values of arabnamer/data/dict_FINAL.json\n"
          "in the PyPI wheel (dataset/dict_FINAL.json in the upstream repository, the file\n"
          "LICENSE-DATA below names). Changes made: entries split into words, harakat and tatweel\n"
          "removed, words shorter than 3 letters or not made of Arabic letters dropped, duplicates\n"
          "removed, sorted.\n\n"
          "Attribution, as the package suggests it:\n\n"
          "  \"Uses arabnamer's Arabic name dictionary and model\n"
          f"   (Yousef, E., 2026). {home}\n"
          "   Licensed under CC-BY-4.0.\"\n\n"
          "(tadqiq uses the dictionary only, not the model.)\n\n"
          "The package's LICENSE-DATA file, verbatim:\n\n"
          "-----------------------------------------------------------------------------\n"
          + lic_data.rstrip() + "\n")

    for kind in ("territory", "language", "script", "city", "currency", "subdivision"):
        n_e = sum(1 for k, _ in entries if k == kind)
        print(f"cldr {kind:<12} {n_e:>6} entries {len(per_kind.get(kind, ())):>6} tokens")
    print(f"cldr.txt      {len(cldr_tokens):>6} tokens")
    print(f"arabnamer.txt {len(an_tokens):>6} tokens from {len(d)} pairs, "
          f"{len(set(d.values()))} distinct values")


if __name__ == "__main__":
    main()
