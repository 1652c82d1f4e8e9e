#!/usr/bin/env python3
"""Builds the fuzz seed corpora and dictionaries from the repository (docs/fuzzing.md):

- fuzz/seeds/ and fuzz/hjemmel.dict, for the spec targets: every spec, example and fixture, in the
  input format of tests/support/fuzz_case.rs (0x00 between the files of one spec, the last part its
  hjemmel.toml; 0x01 between the old and the new version of a diff);
- fuzz/seeds-import/ and fuzz/import.dict, for the `import` target: every file of
  tests/fixtures/import/, the record of some specs as hjemmel writes it (`ropa --format csv` and
  `--format xlsx`, the workbook re-zipped without compression and with a fixed date so that the seed
  is the same on every run and the fuzzer sees the sheets' XML), CSV with mapping files, in the input
  format of tests/support/import_case.rs (the source, then MAPPING_MARKER and a mapping file).

Run from anywhere: python3 fuzz/build_corpus.py. It runs hjemmel (target/release/hjemmel, else
target/debug/hjemmel, else `cargo run --release`) for the records of the specs."""

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
DICT = ROOT / "fuzz" / "hjemmel.dict"
IMPORT_SEEDS = ROOT / "fuzz" / "seeds-import"
IMPORT_DICT = ROOT / "fuzz" / "import.dict"
# tests/support/import_case.rs's MAPPING_MARKER.
MAPPING_MARKER = b"\n\x00hjemmel-mapping\x00\n"
# The specs whose record (ropa csv and xlsx) is a seed: small, and between them every sheet's rows.
RECORD_SPECS = [
    "examples/minimal.hjemmel",
    "examples/transfer-through-subprocessor-chain.hjemmel",
    "specs/randers",
    "tests/fixtures/roundtrip/transfers.hjemmel",
]


def seed_name(path: Path) -> str:
    """The path as one file name, without `.hjemmel`: a seed is not a spec, and nothing that looks
    for specs in the repository should take it for one."""
    name = str(path.relative_to(ROOT)).replace("/", "__")
    return name[: -len(".hjemmel")] if name.endswith(".hjemmel") else name


def spec_bytes(files, config):
    """One spec version: its files joined with 0x00, the settings file last."""
    parts = [f.read_bytes() for f in files]
    if config is not None:
        # A lone file with settings still needs a second part, or the settings would be its text.
        parts.append(config.read_bytes())
    return b"\x00".join(parts)


def seeds():
    out = {}
    spec_files = sorted(
        p for d in ("specs", "examples", "tests/fixtures") for p in (ROOT / d).rglob("*.hjemmel")
    )
    # Every file on its own.
    for f in spec_files:
        out[seed_name(f)] = f.read_bytes()
    # Every directory that is a spec of several files or has settings, whole.
    dirs = sorted({f.parent for f in spec_files})
    for d in dirs:
        files = sorted(d.glob("*.hjemmel"))
        config = d / "hjemmel.toml"
        config = config if config.is_file() else None
        if len(files) > 1 or config is not None:
            out[seed_name(d) + "__whole"] = spec_bytes(files, config)
    # The diff fixtures as old 0x01 new.
    for d in sorted((ROOT / "tests/fixtures/diff").iterdir()):
        old, new = d / "old.hjemmel", d / "new.hjemmel"
        if old.is_file() and new.is_file():
            out[seed_name(d) + "__diff"] = old.read_bytes() + b"\x01" + new.read_bytes()
    return out


def escape(word: bytes) -> str:
    out = []
    for b in word:
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\x%02X" % b)
    return '"' + "".join(out) + '"'


def dictionary():
    words = set()
    grammar = (ROOT / "grammar/hjemmel.pest").read_text()
    # The grammar's keywords (a superset of the tables in src/syntax/mod.rs: DECLARATIONS, STATEMENTS).
    words |= {w for w in re.findall(r'"([a-z_]+)"', grammar)}
    syntax = (ROOT / "src/syntax/mod.rs").read_text()
    words |= set(re.findall(r'^\s+"([a-z_]+)",$', syntax, re.M))
    # The vocabulary's words: kinds of data, sources, recipients, time units, mechanisms.
    vocabulary = (ROOT / "src/law/vocabulary.rs").read_text()
    words |= set(re.findall(r'=\s*"([a-z_0-9()]+)"', vocabulary))
    entries = [w.encode() for w in sorted(words)]
    # Structure, citations, dates, and what the output checks are about: control characters (ESC,
    # OSC 8, BEL, CR, C1, bidi override), CSV formula starts, Markdown structure, huge numbers,
    # the file and version separators of the input format.
    entries += [
        b"{", b"}", b"(", b")", b",", b"\"", b"//", b"\n", b"\\\"",
        b"gdpr 6(1)(e)", b"gdpr 9(2)(g)", b"gdpr 6(1)(a)", b"dbl 7(1)", b"dbl 11(2)", b"2024-01-31",
        b"US", b"DK", b"IN", b"years", b"months",
        b"\x1b[31m", b"\x1b]8;;https://x\x07", b"\x07", b"\r", b"\xc2\x9b", b"\xe2\x80\xae",
        b"=HYPERLINK(", b"+45 ", b"-1", b"@SUM(",
        b"|", b"\n# ", b"![x](https://x)", b"<script>",
        b"5508753709683126373", b"18446744073709551616",
        b"\x00", b"\x01", b"[rules]\n", b"= \"off\"\n",
    ]
    lines = ["# The keywords of hjemmel, for libFuzzer's -dict (made by fuzz/build_corpus.py)."]
    lines += [escape(e) for e in entries]
    return "\n".join(lines) + "\n"


def hjemmel_command():
    for build in ("release", "debug"):
        binary = ROOT / "target" / build / "hjemmel"
        if binary.is_file():
            return [str(binary)]
    return ["cargo", "run", "--quiet", "--release", "--"]


def ropa(spec: str, fmt: str) -> bytes:
    """The record of `spec` as `hjemmel ropa --format FMT` writes it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / ("record." + fmt)
        subprocess.run(
            hjemmel_command() + ["ropa", str(ROOT / spec), "--format", fmt, "-o", str(out)],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return out.read_bytes()


# A fixed date for the workbook's properties (hjemmel writes the time it ran).
FIXED_DATE = b"2026-12-06T00:00:00Z"


def stored_zip(workbook: bytes) -> bytes:
    """The workbook with every part stored (no compression), dated 1980-01-01, in the same order,
    and its creation time fixed: the same bytes on every run, the sheets' XML open to mutation."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", FIXED_DATE, data)
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = item.external_attr
            dst.writestr(info, data)
    return out.getvalue()


def docs_mapping() -> bytes:
    """The mapping file shown in docs/import.md (the block with `header_row`)."""
    page = (ROOT / "docs/import.md").read_text()
    for block in re.findall(r"```toml\n(.*?)```", page, re.S):
        if "header_row" in block:
            return block.encode()
    raise SystemExit("docs/import.md: no mapping file with header_row")


def import_seeds():
    out = {}
    fixtures = ROOT / "tests/fixtures/import"
    # Every fixture but the scripts that write some of them.
    for f in sorted(p for p in fixtures.rglob("*") if p.is_file() and p.suffix != ".py"):
        out[seed_name(f)] = f.read_bytes()
    # The .ods record stored, so that the fuzzer mutates its content.xml, not a deflate stream.
    out["xlsx__record_stored.ods"] = stored_zip((fixtures / "xlsx/record.ods").read_bytes())
    record = fixtures / "csv/record.csv"
    text = record.read_bytes()
    # Danish Excel's "CSV (semikolonsepareret)": Windows-1252.
    out["csv__record_windows_1252"] = text.decode("utf-8").encode("cp1252", "replace")
    default_mapping = (ROOT / "src/import/default_mapping.toml").read_bytes()
    out["csv__record__with_default_mapping"] = text + MAPPING_MARKER + default_mapping
    out["csv__record__with_docs_mapping"] = text + MAPPING_MARKER + docs_mapping()
    letters = b'controller = "Eksempel Kommune"\n[columns]\nA = "activity"\nB = "purpose"\nC = "subjects"\nD = "data"\nE = "basis"\nF = "recipients"\nG = "processors"\nH = "retention"\nI = "comments"\n'
    out["csv__record__with_letters_mapping"] = text + MAPPING_MARKER + letters
    for spec in RECORD_SPECS:
        name = spec.replace("/", "__").removesuffix(".hjemmel")
        out[f"ropa__{name}.csv"] = ropa(spec, "csv")
        out[f"ropa__{name}.xlsx"] = stored_zip(ropa(spec, "xlsx"))
    return out


def import_dictionary():
    words = set()
    # Column headings and fields of the default mapping.
    mapping = (ROOT / "src/import/default_mapping.toml").read_text()
    for heading, field in re.findall(r'^"([^"]+)" = "([a-z_]+)"', mapping, re.M):
        words |= {heading, field}
    words |= {"sheet", "header_row", "controller", "[columns]"}
    # Keys of the JSON and YAML fixtures, and the choice identifiers they use.
    for f in sorted((ROOT / "tests/fixtures/import").rglob("*")):
        if f.suffix == ".json":
            text = f.read_text()
            words |= set(re.findall(r'"([A-Za-z][A-Za-z0-9_-]*)"\s*:', text))
            words |= set(re.findall(r'"((?:register|dp)-[a-z0-9-]+)"', text))
        elif f.suffix in (".yml", ".yaml"):
            words |= set(re.findall(r"^\s*-?\s*([a-z_]+):", f.read_text(), re.M))
    entries = [w.encode() for w in sorted(words)]
    # Free text the basis and deadline readers know, workbook XML, hostile bytes.
    entries += [
        b"art. 6, stk. 1, litra e", b"artikel 9, stk. 2, litra b", b"GDPR art. 9(2)(b)",
        b"databeskyttelseslovens \xc2\xa7 11, stk. 1", b"dbl \xc2\xa7 8", b"lov om social service \xc2\xa7 11",
        b"Aftale om ", b" og ", b" and ", b"in some cases", b"i visse tilf\xc3\xa6lde",
        b"5 \xc3\xa5r efter sagens afslutning", b"5 years after", b"indtil ", b"arkiveres",
        b", derefter afleveret til offentligt arkiv", b"30 dage fra indsamlingen", b"fem \xc3\xa5r",
        b"ikke angivet", b"not stated", b"27.15.00", b"ja", b"nej",
        b";", b",", b"\"", b"\r\n", b"\n", b"\xef\xbb\xbf", b"\xe6\xf8\xe5",
        b"{", b"}", b"[", b"]", b": ", b"- ", b"null", b"&a", b"*a", b"<<: ",
        b"<c r=\"XFD1048576\"", b"<dimension ref=\"A1:XFD1048576\"/>", b"<row r=\"1048576\">",
        # .ods content.xml: the counts calamine expands, a string cell's text, a run of spaces.
        b"table:number-rows-repeated=\"1048576\"", b"table:number-columns-repeated=\"16384\"",
        b"<table:table-cell office:value-type=\"string\">", b"<text:s text:c=\"",
        b"office:value=\"", b"table:formula=\"", b"<office:annotation>",
        b"t=\"inlineStr\"", b"<is><t>", b"t=\"s\"", b"<v>", b"</v>", b"<sheet name=\"",
        b"\x1b[31m", b"\x07", b"\r", b"\xc2\x9b", b"\xe2\x80\xae", b"\x00",
        b"5508753709683126373", b"18446744073709551616",
        MAPPING_MARKER,
    ]
    lines = ["# Headings, keys and phrases of `hjemmel import`'s sources, for libFuzzer's -dict (made by fuzz/build_corpus.py)."]
    lines += [escape(e) for e in entries]
    return "\n".join(lines) + "\n"


def write_seeds(directory: Path, seeds: dict):
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for name, data in seeds.items():
        (directory / name).write_bytes(data)


def main():
    write_seeds(SEEDS, seeds())
    DICT.write_text(dictionary())
    print(f"{len(list(SEEDS.iterdir()))} seeds in {SEEDS.relative_to(ROOT)}, dictionary {DICT.relative_to(ROOT)}")
    write_seeds(IMPORT_SEEDS, import_seeds())
    IMPORT_DICT.write_text(import_dictionary())
    print(f"{len(list(IMPORT_SEEDS.iterdir()))} seeds in {IMPORT_SEEDS.relative_to(ROOT)}, dictionary {IMPORT_DICT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
