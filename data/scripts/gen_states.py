#!/usr/bin/env python3
"""Generate data/gazetteer/states.tsv from Debian iso-codes and a hand-written supplement.

Sources
  - Debian iso-codes (LGPL-2.1+): /usr/share/iso-codes/json/iso_3166-1.json (codes,
    English names) and the Arabic gettext catalogue iso_3166-1 (official and short
    Arabic names); iso_3166-3 for the withdrawn code of the Soviet Union (SUN).
  - data/scripts/states_extra.tsv (written by hand): which states the gazetteer holds,
    their ids, the short Arabic label news uses, spelling variants, nisbas, capitals
    and seats, and the iso-codes Arabic forms to reject.

The iso-codes Arabic names are official long forms with diacritics («الاتّحاد الرّوسي»),
some with a comma inversion («كوريا، جمهوريّة كوريا») or a parenthesis
(«المجر (هنغاريا)»), a detached conjunction («البوسنة و الهرسك») and a few left in
English («Türkiye»). This script strips the diacritics, splits the inversions and
parentheses into separate forms, joins the conjunction to its word, drops forms
without Arabic letters and those the supplement rejects, and appends what remains
to the hand-written names.

Usage: python3 data/scripts/gen_states.py [--check]
  writes data/gazetteer/states.tsv; with --check, only compares and exits 1 if the
  committed file differs from what would be generated.
"""

import gettext
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
EXTRA = HERE / "states_extra.tsv"
OUT = DATA / "gazetteer" / "states.tsv"
ISO_DIR = Path("/usr/share/iso-codes/json")
LOCALE_DIR = "/usr/share/locale"

HEADER = ["id", "type", "label_ar", "label_en", "country", "code", "names", "nisbas", "metonyms"]
EXTRA_HEADER = ["id", "code", "label_ar", "label_en", "names", "nisbas", "metonyms", "drop_iso"]

# The 193 UN member states by ISO alpha-3 (https://www.un.org/en/about-us/member-states).
# Used only as a completeness check on states_extra.tsv.
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP
CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU
GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ
KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS
MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN
PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC
SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN
TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
# Not UN members but required by the project brief.
EXTRA_IDS = {"palestine", "kosovo", "taiwan", "western_sahara", "vatican", "soviet_union"}

DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")  # harakat, shadda, sukun, dagger alif, tatweel
ARABIC = re.compile("[\u0621-\u064A]")
ID_RE = re.compile(r"^[a-z0-9_]+$")


def strip_marks(s: str) -> str:
    return re.sub(r"\s+", " ", DIACRITICS.sub("", s)).strip()


def iso_forms(arabic: str) -> list[str]:
    """Split one iso-codes Arabic string into clean name forms."""
    s = strip_marks(arabic)
    parts = []
    # «المجر (هنغاريا)» -> «المجر», «هنغاريا»
    for m in re.finditer(r"\(([^)]*)\)", s):
        parts.append(m.group(1))
    s = re.sub(r"\([^)]*\)", " ", s)
    # «كوريا، جمهوريّة كوريا» -> «كوريا», «جمهورية كوريا»
    parts = re.split(r"[،,]", s) + parts
    out = []
    for p in parts:
        p = re.sub(r"(?<=\s)و\s+", "و", " " + p).strip()  # «البوسنة و الهرسك» -> «البوسنة والهرسك»
        p = re.sub(r"\s+", " ", p).strip()
        if p and ARABIC.search(p):
            out.append(p)
    return out


def split_list(field: str) -> list[str]:
    return [f.strip() for f in field.split("|") if f.strip()]


def read_extra(path: Path) -> list[dict]:
    rows, errors, header_seen = [], [], False
    with path.open(encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                if cols != EXTRA_HEADER:
                    errors.append(f"{path}: line {n}: expected header {EXTRA_HEADER}, found {cols}")
                header_seen = True
                continue
            if len(cols) != len(EXTRA_HEADER):
                errors.append(f"{path}: line {n}: expected {len(EXTRA_HEADER)} columns, found {len(cols)}")
                continue
            row = dict(zip(EXTRA_HEADER, cols))
            if not ID_RE.match(row["id"]):
                errors.append(f"{path}: line {n}: bad id {row['id']!r}")
            row["line"] = n
            rows.append(row)
    if errors:
        sys.exit("\n".join(errors))
    return rows


def load_iso():
    """alpha-3 -> (iso entry, [Arabic forms]) for ISO 3166-1 and the withdrawn ISO 3166-3 codes."""
    table = {}
    for std, key in (("iso_3166-3", "3166-3"), ("iso_3166-1", "3166-1")):
        entries = json.loads((ISO_DIR / f"{std}.json").read_text(encoding="utf-8"))[key]
        tr = gettext.translation(std, localedir=LOCALE_DIR, languages=["ar"])
        for e in entries:
            forms = []
            for field in ("common_name", "name", "official_name"):
                if e.get(field):
                    ar = tr.gettext(e[field])
                    if ar != e[field]:  # untranslated strings come back unchanged
                        forms.extend(iso_forms(ar))
            table[e["alpha_3"]] = (e, forms)  # 3166-1 read last: current codes win
    return table


def dedup(forms):
    seen, out = set(), []
    for f in forms:
        k = strip_marks(f)
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out


def build() -> str:
    extra = read_extra(EXTRA)
    iso = load_iso()
    errors, ids, codes, lines = [], set(), set(), []
    for r in extra:
        where = f"{EXTRA}: line {r['line']}"
        if r["id"] in ids:
            errors.append(f"{where}: duplicate id {r['id']}")
        ids.add(r["id"])
        code = r["code"]
        entry, forms = iso.get(code, (None, [])) if code else (None, [])
        if code and entry is None:
            errors.append(f"{where}: code {code} not in iso-codes")
        if code:
            if code in codes:
                errors.append(f"{where}: duplicate code {code}")
            codes.add(code)
        label_en = r["label_en"] or (entry and (entry.get("common_name") or entry["name"])) or ""
        if not label_en or re.search(r"[,()]", label_en):
            errors.append(f"{where}: label_en {label_en!r} needs a hand-written value")
        drop = {strip_marks(d) for d in split_list(r["drop_iso"])}
        unused = drop - set(forms)
        if unused:
            errors.append(f"{where}: drop_iso forms not produced by iso-codes: {sorted(unused)}")
        iso_kept = [f for f in forms if f not in drop]
        names = dedup([r["label_ar"]] + split_list(r["names"]) + iso_kept)
        nisbas = dedup(split_list(r["nisbas"]))
        metonyms = dedup(split_list(r["metonyms"]))
        lines.append([r["id"], "state", strip_marks(r["label_ar"]), label_en, r["id"], code,
                      "|".join(names), "|".join(nisbas), "|".join(metonyms)])
    missing = UN_MEMBERS - codes
    if missing:
        errors.append(f"{EXTRA}: UN member states missing: {sorted(missing)}")
    if not EXTRA_IDS <= ids:
        errors.append(f"{EXTRA}: required ids missing: {sorted(EXTRA_IDS - ids)}")
    if errors:
        sys.exit("\n".join(errors))
    lines.sort(key=lambda c: c[0])
    head = [
        "# states.tsv: GENERATED by data/scripts/gen_states.py; edit data/scripts/states_extra.tsv instead.",
        "# Sources: Debian iso-codes (LGPL-2.1+) iso_3166-1/iso_3166-3 codes and Arabic catalogue;",
        "# hand-written supplement states_extra.tsv (short names, variants, nisbas, capitals).",
        f"# {len(lines)} states: the 193 UN members, Palestine, Kosovo, Taiwan, Western Sahara,"
        " the Vatican, the Soviet Union (historic).",
        "\t".join(HEADER),
    ]
    return "\n".join(head + ["\t".join(c) for c in lines]) + "\n"


def main() -> None:
    text = build()
    if "--check" in sys.argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            sys.exit(f"{OUT} is out of date; run {Path(__file__).name}")
        print(f"{OUT}: up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}: {text.count(chr(10)) - 5} states")


if __name__ == "__main__":
    main()
