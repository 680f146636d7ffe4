"""Shared by the tests: real Arabic texts from the repository's fixtures/, and the `tadqiq`
command line to compare with (TADQIQ_BIN, or target/release/tadqiq at the repository's top, which
`cargo build --release` makes; .ci/python.sh runs after the cargo tests have built it)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"


def fixture_files() -> List[Path]:
    files = sorted(
        p for d in ("seeds", "clean", "slips") for p in (FIXTURES / d).glob("*.txt")
    )
    assert len(files) >= 20, f"expected the fixture texts under {FIXTURES}"
    return files


def fixture_texts() -> List[str]:
    """Each fixture file whole, then each of its non-empty lines: a few hundred texts."""
    whole = [p.read_text(encoding="utf-8") for p in fixture_files()]
    lines = [line for text in whole for line in text.splitlines() if line.strip()]
    return whole + lines


def cli() -> Path:
    path = Path(os.environ.get("TADQIQ_BIN", ROOT / "target" / "release" / "tadqiq"))
    if not path.is_file():
        pytest.fail(f"{path}: no tadqiq binary; run `cargo build --release` or set TADQIQ_BIN")
    return path


def cli_findings(texts: List[str], tmp: Path) -> List[List[dict]]:
    """`tadqiq check --format json --no-fold --no-config` on each text, written to a file."""
    tmp.mkdir(parents=True, exist_ok=True)
    names = []
    for i, t in enumerate(texts):
        name = f"{i:05}.txt"
        (tmp / name).write_bytes(t.encode("utf-8"))
        names.append(name)
    run = subprocess.run(
        [str(cli()), "check", "--format", "json", "--no-fold", "--no-config", "."],
        cwd=tmp,
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    by_name: Dict[str, List[dict]] = {n: [] for n in names}
    for line in run.stdout.decode("utf-8").splitlines():
        d = json.loads(line)
        by_name[os.path.basename(d["path"])].append(d)
    return [by_name[n] for n in names]


def cli_key(d: dict) -> tuple:
    return (d["rule"], d["severity"], d["start"], d["end"], tuple(d["suggestions"]), d["fix"],
            d["line"], d["column"], d["end_line"], d["end_column"], d["message"])


def finding_key(f) -> tuple:
    """A tadqiq.Finding, or its dict (as in a Spark row), as cli_key reads a JSON line."""
    g = f if isinstance(f, dict) else f.to_dict()
    return (g["rule"], g["severity"], g["byte_start"], g["byte_end"], tuple(g["suggestions"]),
            g["fix"], g["line"], g["column"], g["end_line"], g["end_column"], g["message"])


@pytest.fixture(scope="session")
def texts() -> List[str]:
    return fixture_texts()


@pytest.fixture(scope="session")
def cli_results(texts, tmp_path_factory) -> List[List[dict]]:
    return cli_findings(texts, tmp_path_factory.mktemp("cli"))


def seed_text() -> str:
    """A seed article: real news text with errors put in (fixtures/seeds)."""
    return sorted((FIXTURES / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
