"""Compares a CSV file with the .xlsx LibreOffice made of it.

Usage: python spreadsheet.py FILE.csv FILE.xlsx

Run by tests/export.rs after `soffice --headless --convert-to xlsx`. Every
cell must read back as the CSV has it (numbers LibreOffice recognised are
compared as numbers), so Arabic text, quotes, commas and line breaks inside
fields survived the import. Prints a JSON summary.
"""

import csv
import datetime
import json
import re
import sys

import openpyxl


def same(text, cell):
    if cell is None:
        return text == ""
    if isinstance(cell, datetime.datetime):
        # An ISO date column becomes a real date, as a spreadsheet user wants.
        return cell.time() == datetime.time() and cell.date().isoformat() == text
    if isinstance(cell, bool):
        return text.lower() == str(cell).lower()
    if isinstance(cell, (int, float)):
        try:
            return float(text) == float(cell)
        except ValueError:
            return False
    # Spreadsheets keep \n in a cell; \r\n inside a quoted field becomes \n.
    # OOXML stores characters XML cannot hold as _xHHHH_ (ECMA-376
    # ST_Xstring), which openpyxl leaves as they are.
    cell = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), str(cell))
    return cell == text.replace("\r\n", "\n")


def main():
    csv_path, xlsx_path = sys.argv[1], sys.argv[2]
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    ws = openpyxl.load_workbook(xlsx_path, read_only=True).active
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    if len(sheet) != len(table):
        print(f"{xlsx_path}: {len(sheet)} rows, {csv_path} has {len(table)}", file=sys.stderr)
        sys.exit(1)
    arabic = 0
    for i, (row, cells) in enumerate(zip(table, sheet)):
        cells = cells + [None] * (len(row) - len(cells))
        for j, text in enumerate(row):
            if not same(text, cells[j]):
                print(f"row {i + 1} column {j + 1}: csv {text!r}, spreadsheet {cells[j]!r}", file=sys.stderr)
                sys.exit(1)
            if any("\u0600" <= c <= "\u06ff" for c in text):
                arabic += 1
    # A cell LibreOffice took for a formula (evidence starting with "=")
    # reads back as its formula text above, so count them apart.
    formulas = sum(1 for r in ws.iter_rows() for c in r if getattr(c, "data_type", None) == "f")
    json.dump(
        {"rows": len(table), "arabic_cells": arabic, "formulas": formulas, "header": table[0]},
        sys.stdout,
        ensure_ascii=False,
    )


main()
