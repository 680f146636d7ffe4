"""LanguageTool clients nobody here wrote, pointed at tadqiq's server.

Run by tests/clients.rs, which starts the server and sets TADQIQ_SERVER_URL and TADQIQ_SEED (a
seed article with «القاء», whose first suggestion is «اللقاء»). The article gets an emoji at
its start: LanguageTool counts offsets in UTF-16 code units, where the emoji counts two, and each
client must land on the right word all the same.
"""

import os
import subprocess
import sys

import language_tool_python
import pytest
from language_tool_python.utils import correct
from pylanguagetool import api

URL = os.environ["TADQIQ_SERVER_URL"]
with open(os.environ["TADQIQ_SEED"], encoding="utf-8") as f:
    SEED = f.read()
TEXT = "📰 " + SEED
WORD, FIX = "القاء", "اللقاء"
# The sentence of the first «القاء», before and after.
BEFORE, AFTER = "أن القاء أرسى", "أن اللقاء أرسى"


@pytest.fixture
def tool():
    t = language_tool_python.LanguageTool("ar", remote_server=URL)
    yield t
    t.close()


def test_language_tool_python_finds_and_corrects(tool):
    matches = tool.check(TEXT)
    assert len(matches) > 10
    hits = [m for m in matches if TEXT[m.offset : m.offset + m.error_length] == WORD]
    assert len(hits) >= 3, [(m.rule_id, m.offset, m.matched_text) for m in matches]
    for m in hits:
        assert m.rule_id == "TADQIQ_SPELLING"
        assert m.category == "TYPOS"
        assert m.rule_issue_type == "misspelling"
        assert m.replacements[0] == FIX
        assert m.matched_text == WORD
    # Every offset (moved back for the emoji by the client) names the text the context shows
    # (where LanguageTool, and tadqiq, show line breaks as spaces).
    for m in matches:
        if m.offset > 60:
            at = TEXT[m.offset : m.offset + m.error_length]
            assert at.replace("\n", " ") == m.matched_text, m
    # The client's own correction, with the first replacement of the first «القاء».
    fixed = correct(TEXT, [hits[0]])
    assert BEFORE in TEXT and AFTER in fixed and BEFORE not in fixed
    assert fixed.startswith("📰 ")
    assert len(fixed) == len(TEXT) + 1


def test_language_tool_python_rule_and_category_switches(tool):
    tool.disabled_rules = {"TADQIQ_SPELLING"}
    rules = {m.rule_id for m in tool.check(TEXT)}
    assert "TADQIQ_SPELLING" not in rules and "TADQIQ_SQUEEZED_DOUBLE" in rules
    tool.disabled_rules = set()
    tool.disable_spellchecking()  # disabledCategories=TYPOS
    assert all(m.category != "TYPOS" for m in tool.check(TEXT))


def test_language_tool_python_refuses_another_language():
    with pytest.raises(ValueError, match="unsupported language"):
        language_tool_python.LanguageTool("en-US", remote_server=URL)


def utf16_slice(text, offset, length):
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def utf16_replace(text, offset, length, value):
    units = text.encode("utf-16-le")
    return (units[: 2 * offset] + value.encode("utf-16-le") + units[2 * (offset + length) :]).decode(
        "utf-16-le"
    )


def test_pylanguagetool_api_finds_and_corrects():
    answer = api.check(TEXT, api_url=URL + "/v2/", lang="ar")
    assert answer["software"]["name"] == "tadqiq"
    assert answer["language"]["code"] == "ar"
    hits = [m for m in answer["matches"] if utf16_slice(TEXT, m["offset"], m["length"]) == WORD]
    assert len(hits) >= 3
    m = hits[0]
    assert m["rule"]["id"] == "TADQIQ_SPELLING"
    assert m["replacements"][0]["value"] == FIX
    assert m["tadqiq"]["fix"] == "safe"
    fixed = utf16_replace(TEXT, m["offset"], m["length"], m["replacements"][0]["value"])
    assert AFTER in fixed and BEFORE not in fixed
    langs = api.get_languages(URL + "/v2/")
    assert {"name": "Arabic", "code": "ar", "longCode": "ar"} in langs


def test_pylanguagetool_command_line(tmp_path):
    # The command line shows each match with its context, and each replacement in place.
    # (Its context display counts in code points, so this text has no emoji.)
    article = tmp_path / "article.txt"
    article.write_text(SEED, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from pylanguagetool.cli import main; main()",
         "--api-url", URL + "/v2/", "--lang", "ar", "--no-color", "--rules", str(article)],
        capture_output=True, text=True, timeout=120,
    )
    out = run.stdout
    assert run.returncode == 1, out + run.stderr  # 1: there are matches
    assert "«القاء» is not a known word; did you mean «اللقاء»?" in out, out
    assert "TADQIQ_SPELLING" in out
    assert "✓ " in out and AFTER in out, out
    assert "(tadqiq " in out
