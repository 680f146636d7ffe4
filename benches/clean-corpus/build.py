#!/usr/bin/env python3
"""Build and measure a human-reviewed "clean" news corpus for tadqiq.

No corpus text is stored in the repository: the sample is re-derived from the corpus file with a
fixed seed, and judgments.tsv records each finding by article index, byte span, rule and a sha1
prefix of the flagged text. See README.md in this directory.

Subcommands:

  build.py sample CORPUS OUTDIR
      Split CORPUS (gzip or plain UTF-8; one article a block: title line, paragraph lines, a
      blank line) into articles, shuffle the article indices with random.Random(20261125) and
      take articles in that order until the sample holds at least 110,000 words (whitespace
      separated tokens). Writes OUTDIR/NNNNN.txt (NNNNN = the article's 0-based index in the
      corpus): the block's lines exactly as in the corpus, ending with one newline.

  build.py clean OUTDIR JUDGMENTS CLEANDIR
      Copy every OUTDIR/*.txt into CLEANDIR, applying the replacement of every row judged
      `error` (byte spans of the original article file, applied from the end backwards). Each
      span must still hold the text whose sha1 prefix is recorded, or the script fails.

  build.py report TADQIQ CLEANDIR JUDGMENTS
      Run `TADQIQ check --format json CLEANDIR` and print the figures (articles, words,
      diagnostics, per 1,000 and per 2,000 words; findings judged, errors, false alarms), then
      every remaining diagnostic with its article, rule, word, a short context, and whether it
      maps back to a finding judged `false` or is new (unjudged).

  build.py pending TADQIQ OUTDIR JUDGMENTS
      Run TADQIQ on the original sampled articles and print every finding with no judgment row
      yet: article, start, end, rule, sha1, flagged text, suggestions and ~60 chars of context
      each side. Uses --no-fold when the binary accepts it.

  build.py split CORPUS OUTDIR
      Write every article of CORPUS to OUTDIR/NNNNN.txt (the whole corpus, one file an article,
      as `sample` writes them), for measuring the finding rate on all of it with `rate`.

  build.py rate TADQIQ DIR
      Run `TADQIQ check --format json DIR` (default output, folded) and print words, findings,
      places (a folded finding counts its others) and both per 1,000 words, overall and by rule.

  build.py fixes TADQIQ OUTDIR CLEANDIR JUDGMENTS
      What `tadqiq fix` would change, judged: run TADQIQ (--no-fold) on the original sampled
      articles and list every safe fix with its judgment (a judged error it puts right, one it
      gets wrong, a judged false alarm it would rewrite, or unjudged), then on the cleaned copy,
      where every safe fix rewrites text the review left as correct. Exits 1 if a safe fix
      would rewrite a judged false alarm or anything in the cleaned copy.

judgments.tsv: tab separated, header
    article  start  end  rule  sha1  verdict  replacement  reason
  article      the 5-digit article index (as in the file name)
  start, end   byte offsets of the flagged span in OUTDIR/NNNNN.txt (end exclusive)
  rule         the rule id, e.g. tadqiq/hamza
  sha1         first 10 hex digits of sha1 of the flagged UTF-8 text
  verdict      `error` (an editor would change it) or `false` (a false alarm)
  replacement  verdict error: a JSON string literal holding the correct text for the span,
               e.g. "أن", or "" for a deletion (an invisible character, a repeated word);
               JSON escapes such as "\\u200f" are allowed. verdict false: `-`.
               (A replacement always starts with a double quote, so `-` is unambiguous.)
  reason       a few English words; no corpus text
Lines starting with `#` and blank lines are ignored.

Extra edits: a row whose rule is `edit` is not a finding but a further correction that a judged
error needs elsewhere than its own span (insert the missing closing quote a stray opening one
calls for, drop the line break left by a deleted boilerplate line or repeated paragraph). Its
verdict is always `error`; start..end may be empty (an insertion, sha1 of the empty string).
Edit rows are applied by `clean` but not counted as findings.

Findings folded by a newer tadqiq into one line (a non-empty `others` list of further
occurrences) are judged one occurrence at a time, but the line counts once in the diagnostics
figure.
"""

import gzip
import hashlib
import json
import os
import random
import subprocess
import sys

SEED = 20261125
MIN_WORDS = 110_000
HEADER = ["article", "start", "end", "rule", "sha1", "verdict", "replacement", "reason"]


def die(msg):
    sys.stderr.write("build.py: error: " + msg + "\n")
    sys.exit(2)


def sha10(b):
    return hashlib.sha1(b).hexdigest()[:10]


def words(text):
    return len(text.split())


# ---------------------------------------------------------------- corpus and sample

def read_corpus(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read().decode("utf-8")
    articles = []
    cur = []
    for line in data.split("\n"):
        if line == "":
            if cur:
                articles.append(cur)
                cur = []
        else:
            cur.append(line)
    if cur:
        articles.append(cur)
    return ["\n".join(a) + "\n" for a in articles]


def cmd_sample(corpus, outdir):
    articles = read_corpus(corpus)
    order = list(range(len(articles)))
    random.Random(SEED).shuffle(order)
    total = 0
    taken = []
    for i in order:
        if total >= MIN_WORDS:
            break
        total += words(articles[i])
        taken.append(i)
    if os.path.isdir(outdir):
        stale = set(n for n in os.listdir(outdir) if n.endswith(".txt")) - {"%05d.txt" % i for i in taken}
        if stale:
            die("%s holds %d .txt files that are not in the sample (e.g. %s); use an empty directory"
                % (outdir, len(stale), sorted(stale)[0]))
    os.makedirs(outdir, exist_ok=True)
    for i in taken:
        text = articles[i]
        with open(os.path.join(outdir, "%05d.txt" % i), "wb") as f:
            f.write(text.encode("utf-8"))
    print("corpus articles: %d" % len(articles))
    print("sampled articles: %d" % len(taken))
    print("sampled words: %d" % total)


def cmd_split(corpus, outdir):
    articles = read_corpus(corpus)
    os.makedirs(outdir, exist_ok=True)
    if any(n.endswith(".txt") for n in os.listdir(outdir)):
        die("%s already holds .txt files; use an empty directory" % outdir)
    for i, text in enumerate(articles):
        with open(os.path.join(outdir, "%05d.txt" % i), "wb") as f:
            f.write(text.encode("utf-8"))
    print("articles: %d, words: %d" % (len(articles), sum(words(a) for a in articles)))


def cmd_rate(tadqiq, d):
    files = article_files(d)
    total_words = 0
    for name in files:
        with open(os.path.join(d, name), "rb") as f:
            total_words += words(f.read().decode("utf-8"))
    diags = run_tadqiq(tadqiq, d)
    by_rule = {}
    for x in diags:
        f, p = by_rule.get(x["rule"], (0, 0))
        by_rule[x["rule"]] = (f + 1, p + len(occurrences(x)))
    findings = sum(f for f, _ in by_rule.values())
    places = sum(p for _, p in by_rule.values())
    k = total_words / 1000.0
    print("files: %d, words: %d" % (len(files), total_words))
    print("findings: %d (%.2f per 1,000 words), places: %d (%.2f per 1,000 words)"
          % (findings, findings / k, places, places / k))
    print("%-28s %9s %9s" % ("rule", "findings", "places"))
    for rule, (f, p) in sorted(by_rule.items(), key=lambda kv: -kv[1][0]):
        print("%-28s %9d %9d" % (rule, f, p))


def article_files(d):
    names = sorted(n for n in os.listdir(d) if n.endswith(".txt"))
    if not names:
        die("no *.txt in " + d)
    return names


# ---------------------------------------------------------------- judgments

def read_judgments(path):
    rows = []
    seen = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or lines[0].split("\t") != HEADER:
        die("%s: the first line must be the header %s" % (path, "\\t".join(HEADER)))
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(HEADER):
            die("%s:%d: %d columns, want %d" % (path, n, len(cols), len(HEADER)))
        r = dict(zip(HEADER, cols))
        try:
            r["start"] = int(r["start"])
            r["end"] = int(r["end"])
        except ValueError:
            die("%s:%d: start/end must be integers" % (path, n))
        if r["rule"] == "edit" and r["verdict"] != "error":
            die("%s:%d: an edit row must have verdict error" % (path, n))
        if r["verdict"] == "error":
            if not r["replacement"].startswith('"'):
                die("%s:%d: an error needs a JSON string replacement" % (path, n))
            try:
                r["replacement"] = json.loads(r["replacement"])
            except ValueError as e:
                die("%s:%d: replacement is not a JSON string: %s" % (path, n, e))
            if not isinstance(r["replacement"], str):
                die("%s:%d: replacement is not a JSON string" % (path, n))
        elif r["verdict"] == "false":
            if r["replacement"] != "-":
                die("%s:%d: a false alarm has replacement `-`" % (path, n))
            r["replacement"] = None
        else:
            die("%s:%d: verdict must be error or false, not %r" % (path, n, r["verdict"]))
        r["line"] = n
        key = (r["article"], r["start"], r["end"], r["rule"])
        if key in seen:
            die("%s:%d: duplicate of line %d" % (path, n, seen[key]))
        seen[key] = n
        rows.append(r)
    return rows


def edits_by_article(rows):
    """The error rows, merged per article into non-overlapping (start, end, replacement, sha1, line).

    Two rows on the same span (two rules flagging one word) must agree on the replacement; any
    other overlap is an error to resolve in the judgments file."""
    by = {}
    for r in rows:
        if r["verdict"] != "error":
            continue
        by.setdefault(r["article"], []).append(r)
    out = {}
    for art, rs in by.items():
        rs.sort(key=lambda r: (r["start"], r["end"]))
        merged = []
        for r in rs:
            if merged and r["start"] < merged[-1]["end"]:
                m = merged[-1]
                if (m["start"], m["end"]) == (r["start"], r["end"]) and m["replacement"] == r["replacement"]:
                    continue
                die("judgments lines %d and %d: overlapping error spans in article %s with "
                    "different corrections; judge the overlap once" % (m["line"], r["line"], art))
            merged.append(r)
        out[art] = merged
    return out


# ---------------------------------------------------------------- clean

def cmd_clean(outdir, judgments, cleandir):
    rows = read_judgments(judgments)
    edits = edits_by_article(rows)
    names = article_files(outdir)
    have = {n[:-4] for n in names}
    for r in rows:
        if r["article"] not in have:
            die("judgments line %d: article %s is not in %s" % (r["line"], r["article"], outdir))
    os.makedirs(cleandir, exist_ok=True)
    applied = 0
    for name in names:
        art = name[:-4]
        with open(os.path.join(outdir, name), "rb") as f:
            data = f.read()
        # verify every judged span (false alarms too): the sample must be the judged one
        for r in rows:
            if r["article"] != art:
                continue
            if not (0 <= r["start"] <= r["end"] <= len(data)):
                die("judgments line %d: span %d..%d out of %s" % (r["line"], r["start"], r["end"], name))
            got = sha10(data[r["start"]:r["end"]])
            if got != r["sha1"]:
                die("judgments line %d: %s %d..%d has sha1 %s, recorded %s (sample or judgments changed?)"
                    % (r["line"], name, r["start"], r["end"], got, r["sha1"]))
        for r in sorted(edits.get(art, []), key=lambda r: (r["start"], r["end"]), reverse=True):
            data = data[:r["start"]] + r["replacement"].encode("utf-8") + data[r["end"]:]
            applied += 1
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            die("%s: the corrections broke UTF-8" % name)
        with open(os.path.join(cleandir, name), "wb") as f:
            f.write(data)
    print("articles: %d, corrections applied: %d, written to %s" % (len(names), applied, cleandir))


# ---------------------------------------------------------------- running tadqiq

def run_tadqiq(tadqiq, target, no_fold=False):
    cmd = [tadqiq, "check", "--format", "json", "--color", "never"]
    if no_fold:
        cmd.append("--no-fold")
    elif accepts_fold(tadqiq):
        # Since 0.2 the machine formats carry one record per place unless told to fold; a
        # finding here is what the human output shows, a folded finding counts once.
        cmd.append("--fold")
    cmd.append(target)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        die("%s exited with %d: %s" % (" ".join(cmd), p.returncode, p.stderr.decode("utf-8", "replace")))
    out = []
    for line in p.stdout.decode("utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def accepts_fold(tadqiq):
    p = subprocess.run([tadqiq, "check", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return b"--fold" in p.stdout.replace(b"--no-fold", b"")


def accepts_no_fold(tadqiq):
    p = subprocess.run([tadqiq, "check", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return b"--no-fold" in p.stdout


def occurrences(d):
    """The finding itself and its folded further occurrences, as (start, end, suggestions)."""
    occ = [(d["start"], d["end"], d.get("suggestions", []))]
    for o in d.get("others") or []:
        occ.append((o["start"], o["end"], o.get("suggestions", [])))
    return occ


def article_of(path):
    base = os.path.basename(path)
    return base[:-4] if base.endswith(".txt") else base


def context(data, start, end, width):
    """(left, flagged, right) around a byte span, `width` characters each side, one line."""
    left = data[:start].decode("utf-8", "replace")[-width:]
    mid = data[start:end].decode("utf-8", "replace")
    right = data[end:].decode("utf-8", "replace")[:width]
    clean = lambda s: s.replace("\n", " ⏎ ")
    return clean(left), clean(mid), clean(right)


def show(s):
    """Make invisible characters visible."""
    out = []
    for ch in s:
        cp = ord(ch)
        if ch in "\t" or 0x200B <= cp <= 0x200F or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069 \
                or cp in (0xFEFF, 0x061C, 0x00AD, 0x2060):
            out.append("<U+%04X>" % cp)
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- report

def orig_offset(edits, pos):
    """Map a byte offset of a cleaned article back to the original article (None inside an edit)."""
    shift = 0
    for r in edits:  # ascending, non-overlapping
        rlen = len(r["replacement"].encode("utf-8"))
        new_start = r["start"] + shift
        if pos <= new_start:
            break
        if pos < new_start + rlen:
            return None
        shift += rlen - (r["end"] - r["start"])
    return pos - shift


def cmd_report(tadqiq, cleandir, judgments):
    allrows = read_judgments(judgments)
    edits = edits_by_article(allrows)
    rows = [r for r in allrows if r["rule"] != "edit"]
    false_keys = {(r["article"], r["start"], r["end"], r["rule"]) for r in rows if r["verdict"] == "false"}
    names = article_files(cleandir)
    texts = {}
    nwords = 0
    for name in names:
        with open(os.path.join(cleandir, name), "rb") as f:
            texts[name[:-4]] = f.read()
        nwords += words(texts[name[:-4]].decode("utf-8"))
    diags = run_tadqiq(tadqiq, cleandir)
    n = len(diags)
    nerr = sum(1 for r in rows if r["verdict"] == "error")
    nfalse = len(rows) - nerr
    print("tadqiq: %s" % subprocess.run([tadqiq, "--version"], stdout=subprocess.PIPE).stdout.decode().strip())
    print("articles: %d" % len(names))
    print("words: %d" % nwords)
    print("diagnostics on the cleaned copy: %d" % n)
    print("per 1,000 words: %.3f" % (1000.0 * n / nwords))
    print("per 2,000 words: %.3f" % (2000.0 * n / nwords))
    print("findings judged (on the original sample): %d" % len(rows))
    print("  (plus %d extra edits that complete a correction)" % (len(allrows) - len(rows)))
    print("  errors (corrected in the cleaned copy): %d" % nerr)
    print("  false alarms: %d" % nfalse)
    print("  false alarms per 1,000 words: %.3f" % (1000.0 * nfalse / nwords))
    by_rule = {}
    for r in rows:
        e = by_rule.setdefault(r["rule"], [0, 0])
        e[0 if r["verdict"] == "error" else 1] += 1
    print("by rule (errors / false alarms):")
    for rule in sorted(by_rule):
        print("  %-26s %4d / %4d" % (rule, by_rule[rule][0], by_rule[rule][1]))
    rem = {}
    for d in diags:
        rem[d["rule"]] = rem.get(d["rule"], 0) + 1
    print("remaining diagnostics by rule:")
    for rule in sorted(rem):
        print("  %-26s %4d" % (rule, rem[rule]))
    print()
    print("remaining diagnostics (cleaned copy):")
    unjudged = 0
    matched = set()
    for d in sorted(diags, key=lambda d: (d["path"], d["start"])):
        art = article_of(d["path"])
        data = texts.get(art, b"")
        for k, (s, e, sugg) in enumerate(occurrences(d)):
            os_, oe = orig_offset(edits.get(art, []), s), orig_offset(edits.get(art, []), e)
            judged = os_ is not None and oe is not None and (art, os_, oe, d["rule"]) in false_keys
            if judged:
                matched.add((art, os_, oe, d["rule"]))
            else:
                unjudged += 1
            l, m, r = context(data, s, e, 30)
            print("%s%s %-24s %s  «%s»  (%s)  …%s[[%s]]%s…" % (
                "" if k == 0 else "  + ", art, d["rule"], "false" if judged else "NEW  ",
                show(m), ", ".join(sugg[:3]) or "-", show(l), show(m), show(r)))
    print()
    print("remaining occurrences not matching a `false` judgment: %d" % unjudged)
    print("judged false alarms still raised: %d of %d" % (len(matched), len(false_keys)))


# ---------------------------------------------------------------- pending

def cmd_pending(tadqiq, outdir, judgments):
    rows = read_judgments(judgments) if os.path.exists(judgments) else []
    keys = {(r["article"], r["start"], r["end"], r["rule"]) for r in rows}
    diags = run_tadqiq(tadqiq, outdir, no_fold=accepts_no_fold(tadqiq))
    texts = {}
    items = []
    for d in diags:
        art = article_of(d["path"])
        if art not in texts:
            with open(d["path"], "rb") as f:
                texts[art] = f.read()
        for s, e, sugg in occurrences(d):
            if (art, s, e, d["rule"]) in keys:
                continue
            items.append((art, s, e, d["rule"], sugg, d.get("message", "")))
    items.sort()
    for art, s, e, rule, sugg, msg in items:
        data = texts[art]
        l, m, r = context(data, s, e, 60)
        print("%s\t%d\t%d\t%s\t%s\t«%s»\t%s" % (art, s, e, rule, sha10(data[s:e]), show(m),
                                              " | ".join(sugg) or "-"))
        print("    …%s[[%s]]%s…" % (show(l), show(m), show(r)))
    sys.stderr.write("pending: %d unjudged findings (%d judged rows)\n" % (len(items), len(rows)))


# ---------------------------------------------------------------- fixes

def safe_fixes(tadqiq, d):
    """Every safe fix tadqiq would apply under d: (article, start, end, rule, first suggestion)."""
    out = []
    for x in run_tadqiq(tadqiq, d, no_fold=accepts_no_fold(tadqiq)):
        places = [(x["start"], x["end"], x.get("suggestions", []), x.get("fix"))]
        places += [(o["start"], o["end"], o.get("suggestions", []), o.get("fix"))
                   for o in x.get("others") or []]
        for s, e, sugg, fix in places:
            if fix == "safe" and sugg:
                out.append((article_of(x["path"]), s, e, x["rule"], sugg[0]))
    return sorted(out)


def cmd_fixes(tadqiq, outdir, cleandir, judgments):
    rows = [r for r in read_judgments(judgments) if r["rule"] != "edit"]
    by_span = {}
    for r in rows:
        by_span.setdefault((r["article"], r["start"], r["end"]), []).append(r)
    counts = {"right": 0, "wrong fix": 0, "REWRITES A FALSE ALARM": 0, "unjudged": 0}
    texts = {}

    def text(d, art):
        if (d, art) not in texts:
            with open(os.path.join(d, art + ".txt"), "rb") as f:
                texts[(d, art)] = f.read()
        return texts[(d, art)]

    print("safe fixes on the original sample:")
    for art, s, e, rule, fix in safe_fixes(tadqiq, outdir):
        judged = by_span.get((art, s, e), [])
        if any(r["verdict"] == "false" for r in judged):
            what = "REWRITES A FALSE ALARM"
        elif not judged:
            what = "unjudged"
        elif any(r["replacement"] == fix for r in judged):
            what = "right"
        else:
            what = "wrong fix"
        counts[what] += 1
        if what != "right":
            l, m, r_ = context(text(outdir, art), s, e, 30)
            print("  %s %-22s %-22s «%s» → «%s»  …%s[[%s]]%s…"
                  % (art, rule, what, show(m), show(fix), show(l), show(m), show(r_)))
    for k, v in counts.items():
        print("  %-24s %d" % (k, v))
    print("safe fixes on the cleaned copy (each rewrites reviewed text):")
    clean = safe_fixes(tadqiq, cleandir)
    for art, s, e, rule, fix in clean:
        l, m, r_ = context(text(cleandir, art), s, e, 30)
        print("  %s %-22s «%s» → «%s»  …%s[[%s]]%s…"
              % (art, rule, show(m), show(fix), show(l), show(m), show(r_)))
    print("  %d" % len(clean))
    if counts["REWRITES A FALSE ALARM"] or clean:
        sys.exit(1)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        sys.exit(2)
    cmd, args = argv[1], argv[2:]
    table = {"sample": (cmd_sample, 2), "clean": (cmd_clean, 3), "report": (cmd_report, 3),
             "pending": (cmd_pending, 3), "split": (cmd_split, 2), "rate": (cmd_rate, 2),
             "fixes": (cmd_fixes, 4)}
    if cmd not in table or len(args) != table[cmd][1]:
        print(__doc__)
        sys.exit(2)
    table[cmd][0](*args)


if __name__ == "__main__":
    main(sys.argv)
