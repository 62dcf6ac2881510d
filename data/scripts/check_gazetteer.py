#!/usr/bin/env python3
"""Check every data/gazetteer/*.tsv against the format in data/README.md.

Errors (exit status 1):
  - a file without the header line, a data line without exactly 9 tab-separated fields
  - an id not matching ^[a-z0-9_]+$, or an id used twice (in one file or across files)
  - a type outside state/person/organization/place/group, an empty label_ar or label_en
  - a country that is not the id of a state in the gazetteer; a state whose country is not
    itself; a code on a non-state, or a state code that is not three capital letters
  - an empty item in a |-list, a form with surrounding spaces or without any letter

Warnings (exit status 0, or 1 with --strict):
  - the same Arabic form (after normalization) given to two different actors, in any of
    names, nisbas and metonyms, or produced by the loader's nisba inflections
  - a nisba written with the article or an inflection (ال…, …ية, …يون)
  - a form that is a clitic (و ف ب ل ك ال لل) plus another form of the gazetteer

Usage: python3 data/scripts/check_gazetteer.py [--strict] [DIR]
"""

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HEADER = ["id", "type", "label_ar", "label_en", "country", "code", "names", "nisbas", "metonyms"]
TYPES = {"state", "person", "organization", "place", "group"}
ID_RE = re.compile(r"^[a-z0-9_]+$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
FORM_COLS = ("names", "nisbas", "metonyms")

DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")


def normalize(s: str) -> str:
    """A conservative stand-in for the tool's normalize(): marks, hamza and ta marbuta variants."""
    s = unicodedata.normalize("NFC", s)
    s = DIACRITICS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s


def has_article(form: str) -> bool:
    """True when the form starts with the article ال (a bare alif: ألمانيا has none)."""
    first = DIACRITICS.sub("", form).split(" ")[0]
    return first.startswith("ال") and len(first) > 4


def match_key(form: str) -> str:
    """The key two forms collide on: normalized, with a leading article dropped."""
    if has_article(form):
        form = DIACRITICS.sub("", form)[2:]
    return normalize(form)


CLITICS = ("وال", "فال", "بال", "كال", "لل", "و", "ف", "ب", "ل", "ك")


def inflections(nisba: str) -> list[str]:
    """Forms the loader derives from a masculine nisba (تركي -> تركية، تركيين …)."""
    n = normalize(nisba)
    if not n.endswith("ي"):
        return []  # a broken plural (أتراك) is used as written
    stem = n[:-1]
    return [stem + e for e in ("يه", "يين", "يون", "يان", "يتين", "يتان")]


class Report:
    def __init__(self):
        self.errors, self.warnings = [], []

    def error(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")


def read_file(path: Path, rep: Report):
    rows = []
    header_seen = False
    with path.open(encoding="utf-8", newline="") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if n == 1 and line.startswith("\ufeff"):
                line = line[1:]
            where = f"{path}: line {n}"
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                header_seen = True
                if cols != HEADER:
                    rep.error(where, f"expected the header line {'<TAB>'.join(HEADER)}, found {line!r}")
                continue
            if len(cols) != len(HEADER):
                rep.error(where, f"expected {len(HEADER)} columns, found {len(cols)}")
                continue
            rows.append((where, dict(zip(HEADER, cols))))
    if not header_seen:
        rep.error(f"{path}", "no header line")
    return rows


def check(directory: Path, rep: Report):
    files = sorted(directory.glob("*.tsv"))
    if not files:
        rep.error(str(directory), "no .tsv files")
    all_rows = []
    for path in files:
        all_rows += [(path, w, r) for w, r in read_file(path, rep)]

    ids = {}
    for path, where, r in all_rows:
        i = r["id"]
        if not ID_RE.match(i):
            rep.error(where, f"id {i!r} does not match ^[a-z0-9_]+$")
        if i in ids:
            rep.error(where, f"duplicate id {i!r} (first at {ids[i][0]})")
        else:
            ids[i] = (where, r)
    states = {i for i, (_, r) in ids.items() if r["type"] == "state"}

    forms_by_key = defaultdict(set)  # key -> {(id, column, form, where)}
    for path, where, r in all_rows:
        i, t = r["id"], r["type"]
        if t not in TYPES:
            rep.error(where, f"type {t!r} is not one of {sorted(TYPES)}")
        for col in ("label_ar", "label_en"):
            if not r[col].strip():
                rep.error(where, f"{col} is empty")
            elif r[col] != r[col].strip():
                rep.error(where, f"{col} {r[col]!r} has surrounding spaces")
        c = r["country"]
        if t == "state":
            if c != i:
                rep.error(where, f"state {i}: country must be its own id, found {c!r}")
            # Kosovo has no ISO 3166-1 code: an empty code is allowed.
            if r["code"] and not CODE_RE.match(r["code"]):
                rep.error(where, f"code {r['code']!r} is not an ISO alpha-3 code")
        else:
            if r["code"]:
                rep.error(where, f"code {r['code']!r} on a {t}: codes are for states only")
            if c and c not in ids:
                rep.error(where, f"country {c!r} is not an id in the gazetteer")
            elif c and c not in states:
                rep.warn(where, f"country {c!r} is a {ids[c][1]['type']}, not a state")
        for col in FORM_COLS:
            if not r[col]:
                continue
            for form in r[col].split("|"):
                if not form:
                    rep.error(where, f"{col}: empty item in {r[col]!r}")
                    continue
                if form != form.strip():
                    rep.error(where, f"{col}: form {form!r} has surrounding spaces")
                if not any(ch.isalpha() for ch in form):
                    rep.error(where, f"{col}: form {form!r} has no letter")
                nf = normalize(form)
                if col == "nisbas":
                    if has_article(form):
                        rep.warn(where, f"nisba {form!r} has the article; write it without ال")
                    if re.search("(يه|يون|يين|يان)$", nf):
                        rep.warn(where, f"nisba {form!r} looks inflected; write the masculine singular")
                forms_by_key[match_key(form)].add((i, col, form, where))
                if col == "nisbas":
                    for inf in inflections(form):
                        forms_by_key[match_key(inf)].add((i, "nisba inflection", inf, where))
        if r["label_ar"]:
            forms_by_key[match_key(r["label_ar"])].add((i, "label_ar", r["label_ar"], where))

    # A form written with a clitic the matcher strips (وأنقرة, لباكو) when the bare form exists.
    for key, owners in sorted(forms_by_key.items()):
        for clitic in CLITICS:
            rest = key[len(clitic):]
            if key.startswith(clitic) and len(rest) > 2:
                bare = forms_by_key.get(rest) or forms_by_key.get(match_key("ال" + rest) if clitic == "لل" else "")
                if bare:
                    for a, col, form, w in sorted(owners):
                        if col != "nisba inflection":
                            rep.warn(w, f"{col}: form {form!r} looks like {clitic}+{sorted(bare)[0][2]!r}:"
                                        " clitics are stripped by the matcher, do not write them")
                    break

    for key, owners in sorted(forms_by_key.items()):
        actors = {o[0] for o in owners}
        # two nisbas that clash clash in every inflection: report the nisba once
        if len(actors) > 1 and any(o[1] != "nisba inflection" for o in owners):
            desc = "; ".join(f"{a} ({col} {form!r}, {w.split(': line')[0].split('/')[-1]})"
                             for a, col, form, w in sorted(owners))
            rep.warn("duplicate form", f"{key!r} belongs to several actors: {desc}")
    return files, all_rows


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    strict = "--strict" in sys.argv[1:]
    directory = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "gazetteer"
    rep = Report()
    files, rows = check(directory, rep)
    for w in rep.warnings:
        print(f"warning: {w}")
    for e in rep.errors:
        print(f"error: {e}")
    per_file = defaultdict(lambda: defaultdict(int))
    for path, _, r in rows:
        per_file[path.name][r["type"]] += 1
    for name in sorted(per_file):
        counts = ", ".join(f"{n} {t}" for t, n in sorted(per_file[name].items()))
        print(f"{name}: {sum(per_file[name].values())} entries ({counts})")
    print(f"{len(files)} files, {len(rows)} entries, {len(rep.errors)} errors, {len(rep.warnings)} warnings")
    failed = rep.errors or (strict and rep.warnings)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
