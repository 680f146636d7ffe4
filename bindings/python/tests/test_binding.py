"""The Python API against the command line, on real Arabic text from fixtures/."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
import tadqiq
from conftest import cli, cli_key, finding_key, fixture_files, seed_text


@pytest.fixture(scope="module")
def linter():
    return tadqiq.Linter()


def test_findings_equal_the_cli_json(linter, texts, cli_results):
    total = 0
    for i, (text, expected) in enumerate(zip(texts, cli_results)):
        got = [finding_key(f) for f in linter.check(text)]
        assert got == [cli_key(d) for d in expected], f"text {i}: {text[:60]!r}"
        total += len(got)
    # The seeds and slips are there to be flagged: the comparison covers real findings.
    assert total > 100, total


def test_start_end_are_python_indices_and_bytes_the_same_span(linter, texts):
    seen = 0
    for text in texts:
        data = text.encode("utf-8")
        for f in linter.check(text):
            flagged = text[f.start : f.end]
            assert flagged == data[f.byte_start : f.byte_end].decode("utf-8")
            # line and column: 1-based, in code points, from the same string.
            lines = re.split(r"\r\n|\r|\n", text[: f.start])
            assert (f.line, f.column) == (len(lines), len(lines[-1]) + 1)
            lines = re.split(r"\r\n|\r|\n", text[: f.end])
            assert (f.end_line, f.end_column) == (len(lines), len(lines[-1]) + 1)
            seen += 1
    assert seen > 100


def test_a_finding_reads_as_documented(linter):
    text = seed_text()
    findings = linter.check(text)
    f = next(f for f in findings if f.suggestions)
    assert f.rule.startswith("tadqiq/")
    assert f.severity in ("error", "warning", "info", "hint")
    assert f.fix in ("safe", "unsafe", "manual")
    assert isinstance(f.message, str) and f.message
    d = f.to_dict()
    assert d["suggestions"] == f.suggestions and d["start"] == f.start
    assert f == linter.check(text)[findings.index(f)]
    assert "Finding(rule=" in repr(f)


def test_check_many_equals_check_in_input_order(linter, texts):
    one_by_one = [linter.check(t) for t in texts]
    assert linter.check_many(texts, threads=2) == one_by_one
    assert linter.check_many(texts) == one_by_one
    assert linter.check_many(iter(texts[:30]), 1) == one_by_one[:30]
    assert linter.check_many([]) == []
    assert tadqiq.check_many(texts[:10]) == one_by_one[:10]


def _cli_fix(text: str, unsafe: bool) -> str:
    args = [str(cli()), "fix", "--no-config", "-"] + (["--unsafe"] if unsafe else [])
    run = subprocess.run(args, input=text.encode("utf-8"), capture_output=True, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    return run.stdout.decode("utf-8")


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_equals_tadqiq_fix(linter, unsafe):
    changed = 0
    for path in fixture_files():
        text = path.read_text(encoding="utf-8")
        fixed = linter.fix(text, unsafe=unsafe)
        assert fixed == _cli_fix(text, unsafe), path.name
        assert linter.fix(fixed, unsafe=unsafe) == fixed, f"{path.name}: not idempotent"
        changed += fixed != text
    assert changed >= 3
    assert tadqiq.fix(text, unsafe=unsafe) == linter.fix(text, unsafe=unsafe)


def _flagged(linter, text):
    return {(f.rule, text[f.start : f.end]) for f in linter.check(text)}


def test_config_as_a_dict_a_file_and_a_directory(tmp_path, linter):
    text = seed_text()
    default = _flagged(linter, text)
    spelling = {x for x in default if x[0] == "tadqiq/spelling"}
    assert spelling, "the seed text has spelling findings"
    word = sorted(spelling)[0][1]

    off = tadqiq.Linter({"rules": {"spelling": "off"}})
    assert _flagged(off, text) == default - spelling

    (tmp_path / "words.txt").write_text(word + "\n", encoding="utf-8")
    (tmp_path / "tadqiq.toml").write_text(
        'words = ["words.txt"]\n[rules]\ntatweel = "off"\n', encoding="utf-8"
    )
    for config in (tmp_path / "tadqiq.toml", str(tmp_path / "tadqiq.toml"), tmp_path):
        with_words = tadqiq.Linter(config)
        assert ("tadqiq/spelling", word) not in _flagged(with_words, text), config
        assert "tadqiq.toml" in repr(with_words)
    # A directory with no configuration at or above it: the defaults.
    assert "defaults" in repr(tadqiq.Linter(Path("/")))


def test_a_bad_configuration_is_a_clear_error(tmp_path):
    with pytest.raises(tadqiq.ConfigError, match="unknown key `colour`"):
        tadqiq.Linter({"colour": True})
    with pytest.raises(tadqiq.ConfigError, match="no-such-rule"):
        tadqiq.Linter({"rules": {"no-such-rule": "off"}})
    missing = tmp_path / "nope.toml"
    with pytest.raises(tadqiq.ConfigError, match=r"nope\.toml: no such file"):
        tadqiq.Linter(missing)
    bad = tmp_path / "tadqiq.toml"
    bad.write_text("[rules\n", encoding="utf-8")
    with pytest.raises(tadqiq.ConfigError, match=r"tadqiq\.toml:1:"):
        tadqiq.Linter(bad)
    (tmp_path / "tadqiq.toml").write_text('words = ["gone.txt"]\n', encoding="utf-8")
    with pytest.raises(tadqiq.ConfigError, match=r"gone\.txt"):
        tadqiq.Linter(bad)
    with pytest.raises(TypeError, match="config must be None, a path"):
        tadqiq.Linter(42)
    with pytest.raises(TypeError, match="rules.x is a object"):
        tadqiq.Linter({"rules": {"x": object()}})
    assert issubclass(tadqiq.ConfigError, tadqiq.TadqiqError)


def test_bad_input_raises_and_never_crashes(linter):
    with pytest.raises(TypeError):
        linter.check(123)
    with pytest.raises(TypeError, match="not one str"):
        linter.check_many("نص")
    with pytest.raises(TypeError, match=r"texts\[1\] is a int"):
        linter.check_many(["نص", 5])
    with pytest.raises(TypeError, match="iterable of str"):
        linter.check_many(7)
    with pytest.raises(ValueError, match="at least 1"):
        linter.check_many(["نص"], threads=0)
    with pytest.raises(ValueError, match=r"texts\[0\]"):
        linter.check_many(["\ud800"])
    with pytest.raises(UnicodeEncodeError):
        linter.check("\ud800")
    # A panic in Rust becomes a TadqiqError; the interpreter goes on.
    with pytest.raises(tadqiq.TadqiqError, match="internal error.*panic guard"):
        tadqiq._tadqiq._panic_in_guard()
    assert linter.check("") == []


def test_markdown_checks_prose_only(linter):
    line = next(
        line
        for line in seed_text().splitlines()
        if linter.check(line)
    )
    fenced = "```\n" + line + "\n```\n"
    assert linter.check(fenced) != []
    assert linter.check(fenced, markdown=True) == []
    assert linter.check(line, markdown=True) == linter.check(line)


def test_the_stub_names_what_the_module_has():
    stub = Path(tadqiq.__file__).with_name("_tadqiq.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            assert hasattr(tadqiq._tadqiq, node.name), node.name
        if isinstance(node, ast.ClassDef) and node.name in ("Linter", "Finding"):
            cls = getattr(tadqiq._tadqiq, node.name)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__"):
                    assert hasattr(cls, item.name), f"{node.name}.{item.name}"
    assert (Path(tadqiq.__file__).parent / "py.typed").exists()
    assert tadqiq.Linter.check.__doc__ and tadqiq.Linter.__doc__ and tadqiq.Finding.__doc__
    assert tadqiq.__version__ == "0.1.0"
