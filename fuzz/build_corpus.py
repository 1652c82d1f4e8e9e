#!/usr/bin/env python3
"""Builds the fuzz seed corpus (fuzz/seeds/) and the keyword dictionary (fuzz/hjemmel.dict) from the
repository: every spec, example and fixture, in the input format of tests/support/fuzz_case.rs
(0x00 between the files of one spec, the last part its hjemmel.toml; 0x01 between the old and the
new version of a diff). Run from anywhere: python3 fuzz/build_corpus.py. See docs/fuzzing.md."""

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
DICT = ROOT / "fuzz" / "hjemmel.dict"


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


def main():
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    SEEDS.mkdir(parents=True)
    for name, data in seeds().items():
        (SEEDS / name).write_bytes(data)
    DICT.write_text(dictionary())
    print(f"{len(list(SEEDS.iterdir()))} seeds in {SEEDS.relative_to(ROOT)}, dictionary {DICT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
