#!/usr/bin/env python3
"""Convert ar-corrector's pickled counts into tadqiq's gzip'd TSV count files.

Run once by a developer when the vendored data is (re)made; never at build or run time. Standard
library only. See dictionaries/ar-corrector/README.md for the exact command used.

Input: the `resources/` folder of the ar-corrector 1.1.6 wheel (MIT, Bassel Kassem):

- vocab_freqs.pickle  collections.Counter {word: count}, every whitespace token of the corpus
- ngram_plus1.pickle  collections.defaultdict(Counter) {(w1,): Counter{w2: count}}: the
                      bigram counts of its n=1 language model. Words seen fewer than 3 times were
                      replaced by '<unk>' before counting; '<s>' / '<e>' pad each sentence.
- ngram.pickle        Counter {(w1,): count} (row sums of ngram_plus1; not needed)
- close_vocabs.pickle dict {word: 0}, the words seen >= 3 times (not needed)

Output (into --out):

- unigrams.tsv.gz   word<TAB>count
- bigrams.tsv.gz    w1<SPACE>w2<TAB>count   (pairs with count >= --min-bigram)

Both are UTF-8, one entry a line, no header, sorted by the UTF-8 bytes of the key (so a Rust
reader can feed them straight into an FST builder), gzip'd with mtime 0 (byte-reproducible).

Normalisation: the source keeps harakat as typed (about 43k of its 579k word types carry some), so
combining marks (Unicode Mn) and tatweel are removed and the counts of words that then coincide
are added up. Hamza and alef forms, ة/ه and ى/ي are left exactly as in the corpus. A token is kept
only if what remains is made of Arabic letters (ar-corrector's own alphabet); this drops the
punctuation tokens (، . ؛ ! ؟ :), tokens holding '~', and the '<s>' '<e>' '<unk>' markers, and
every bigram that has one of them on either side.

The pickles are read with an unpickler that only admits collections.Counter and
collections.defaultdict, so no code from the files runs.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import os
import pickle
import sys
import unicodedata

# ar_corrector/proj_config.py `alphabet`: the letters its cleaner keeps.
LETTERS = frozenset("ىابتةثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئ")
TATWEEL = "\u0640"

# Bigram pairs reported with --report (real-word errors tadqiq wants to see in context).
PROBE_PAIRS = [
    ("رئيس", "اللجنة"),
    ("رئيس", "الجنة"),
    ("تعزيز", "التعاون"),
    ("اضف", "تعليق"),
    ("أضف", "تعليق"),
    ("عن", "طريق"),
    ("ألف", "درهم"),
    ("الف", "درهم"),
    ("أضف", "إلى"),
    ("اضف", "الى"),
]
PROBE_WORDS = [
    "القاء",
    "اللقاء",
    "إلقاء",
    "اخبار",
    "أخبار",
    "الى",
    "إلى",
    "ألف",
    "الف",
    "أضف",
    "اضف",
    "اللجنة",
    "الجنة",
    "هذه",
    "هذة",
    "مسؤول",
    "مسئول",
]


class _SafeUnpickler(pickle.Unpickler):
    ALLOWED = {("collections", "Counter"), ("collections", "defaultdict")}

    def find_class(self, module: str, name: str):
        if (module, name) in self.ALLOWED:
            return getattr(collections, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def load_pickle(path: str):
    with open(path, "rb") as f:
        return _SafeUnpickler(f).load()


def normalise(token: str) -> str | None:
    """The token without harakat/tatweel, or None if it is not an Arabic word."""
    word = "".join(c for c in token if c != TATWEEL and unicodedata.category(c) != "Mn")
    if not word or any(c not in LETTERS for c in word):
        return None
    return word


def write_tsv_gz(path: str, items, level: int = 9) -> int:
    """Write sorted (key, count) items; returns the number of lines."""
    n = 0
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0) as gz:
            out = io.BufferedWriter(gz, buffer_size=1 << 20)
            for key, count in items:
                out.write(f"{key}\t{count}\n".encode("utf-8"))
                n += 1
            out.flush()
    return n


def sort_by_bytes(counts: dict[str, int]):
    return sorted(counts.items(), key=lambda kv: kv[0].encode("utf-8"))


def convert_unigrams(vocab) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = collections.defaultdict(int)
    stats = collections.Counter()
    for token, n in vocab.items():
        word = normalise(token)
        if word is None:
            stats["dropped types"] += 1
            stats["dropped tokens"] += n
            continue
        if word != token:
            stats["marked types"] += 1
            stats["marked tokens"] += n
        counts[word] += n
    return counts, stats


def convert_bigrams(plus1) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = collections.defaultdict(int)
    stats = collections.Counter()
    for prefix, following in plus1.items():
        if len(prefix) != 1:  # the () -> '<s>' start entry
            continue
        w1 = normalise(prefix[0])
        for token, n in following.items():
            w2 = normalise(token) if w1 is not None else None
            if w2 is None:
                stats["dropped pairs"] += 1
                stats["dropped tokens"] += n
                continue
            counts[f"{w1} {w2}"] += n
    return counts, stats


def report(unigrams, bigrams, thresholds, out=sys.stderr) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p("unigrams:", len(unigrams), "types,", sum(unigrams.values()), "tokens")
    for w in PROBE_WORDS:
        p(f"  {w}\t{unigrams.get(w, 0)}")
    p("bigrams (after normalisation):", len(bigrams), "types,", sum(bigrams.values()), "tokens")
    hist = collections.Counter(min(c, 10) for c in bigrams.values())
    p("  pairs by count (10 = 10+):", sorted(hist.items()))
    for t in thresholds:
        kept = sum(1 for c in bigrams.values() if c >= t)
        p(f"  min count {t}: {kept} pairs")
    for a, b in PROBE_PAIRS:
        p(f"  {a} {b}\t{bigrams.get(f'{a} {b}', 0)}")


def default_resources() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("ar_corrector")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "resources")


def main(argv=None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--resources",
        default=None,
        help="ar_corrector/resources folder (default: that of an installed ar_corrector)",
    )
    ap.add_argument("--out", default=os.path.join(here, "..", "ar-corrector"))
    ap.add_argument("--min-bigram", type=int, default=3, help="drop bigrams seen fewer times")
    ap.add_argument("--min-unigram", type=int, default=1, help="drop words seen fewer times")
    ap.add_argument(
        "--report",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        metavar="T1,T2,..",
        help="print statistics (probe words and pairs, pair counts at these thresholds)",
    )
    args = ap.parse_args(argv)

    resources = args.resources or default_resources()
    if not resources or not os.path.isdir(resources):
        ap.error("ar_corrector resources not found: pass --resources DIR")
    os.makedirs(args.out, exist_ok=True)

    vocab = load_pickle(os.path.join(resources, "vocab_freqs.pickle"))
    unigrams, ustats = convert_unigrams(vocab)
    del vocab
    print("unigram normalisation:", dict(ustats), file=sys.stderr)

    plus1 = load_pickle(os.path.join(resources, "ngram_plus1.pickle"))
    bigrams, bstats = convert_bigrams(plus1)
    del plus1
    print("bigram normalisation:", dict(bstats), file=sys.stderr)

    if args.report:
        report(unigrams, bigrams, args.report)

    upath = os.path.join(args.out, "unigrams.tsv.gz")
    u = {w: c for w, c in unigrams.items() if c >= args.min_unigram}
    n = write_tsv_gz(upath, sort_by_bytes(u))
    print(f"{upath}: {n} lines, {os.path.getsize(upath)} bytes", file=sys.stderr)

    bpath = os.path.join(args.out, "bigrams.tsv.gz")
    b = {k: c for k, c in bigrams.items() if c >= args.min_bigram}
    n = write_tsv_gz(bpath, sort_by_bytes(b))
    print(f"{bpath}: {n} lines, {os.path.getsize(bpath)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
