"""End-to-end test of `tadqiq lsp` with a real LSP client: pytest-lsp (pygls).

Run by tests/lsp_e2e.rs, which sets TADQIQ_BIN to the built binary. Expected positions are
computed here, in Python, independently of the server: lines split at "\\n", columns counted
in UTF-16 code units.
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import re

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

BIN = os.environ["TADQIQ_BIN"]
REPO = pathlib.Path(__file__).resolve().parents[2]
SEED = REPO / "fixtures" / "seeds" / "004_8acd1053c13bf32b.txt"
WAIT = 30.0


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version)."""
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    keep = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        keep(client, params)
        client.published.append(params)

    def register_capability(client: LanguageClient, params: types.RegistrationParams):
        return None  # The server registers file watchers: accept.

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register_capability
    register_lsp_features(client, features)
    client.published = []
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BIN, "lsp"], client_factory=make_client),
)
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()
    assert lsp_client._server.returncode == 0, "exit after shutdown is status 0"


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def position(text: str, index: int) -> types.Position:
    """The LSP position of Python string index `index` (a code point index)."""
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=utf16_len(text[line_start:index]))


def word_range(text: str, word: str, nth: int = 0) -> types.Range:
    """The range of the nth occurrence of `word` as a whole word."""
    m = [m for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)][nth]
    return types.Range(start=position(text, m.start()), end=position(text, m.end()))


def index_of(text: str, pos: types.Position) -> int:
    """The string index of an LSP position (UTF-16 columns)."""
    lines = text.split("\n")
    index = sum(len(l) + 1 for l in lines[: pos.line])
    units = 0
    for ch in lines[pos.line]:
        if units >= pos.character:
            break
        units += utf16_len(ch)
        index += 1
    return index


def apply_edit(text: str, edit: types.TextEdit) -> str:
    start, end = index_of(text, edit.range.start), index_of(text, edit.range.end)
    return text[:start] + edit.new_text + text[end:]


async def diagnostics(
    client: LanguageClient, uri: str, version: int, since: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for `uri` at `version` (the `since`th publication
    or a later one)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        for p in reversed(client.published[since:]):
            if p.uri == uri and p.version == version:
                return list(p.diagnostics)
        assert loop.time() < deadline, f"no diagnostics for {uri} v{version}"
        await asyncio.sleep(0.02)


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "plaintext"):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )


def change(client: LanguageClient, uri: str, version: int, edit: types.TextEdit):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            ],
        )
    )


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        (doc_edit,) = edit.document_changes
        assert doc_edit.text_document.uri == uri
        return list(doc_edit.edits)
    return list(edit.changes[uri])


async def code_actions(client, uri, rng, diags):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=diags),
        )
    )


async def test_seed_quick_fix_removes_the_diagnostic(client: LanguageClient, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    doc = tmp_path / SEED.name
    doc.write_text(text, encoding="utf-8")
    uri = doc.as_uri()
    open_doc(client, uri, text)

    want = word_range(text, "القاء")
    found = [d for d in await diagnostics(client, uri, 1) if d.range == want]
    assert len(found) == 1, f"no diagnostic at {want}"
    diag = found[0]
    assert diag.code == "tadqiq/spelling"
    assert diag.source == "tadqiq"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert "القاء" in diag.message

    actions = await code_actions(client, uri, diag.range, [diag])
    titles = [a.title for a in actions]
    assert "Add «القاء» to the project word list" in titles
    assert "Disable tadqiq/spelling for this line" in titles
    (fix,) = [a for a in actions if getattr(a, "is_preferred", False)]
    assert fix.title == "Replace with «اللقاء»"
    assert fix.kind == types.CodeActionKind.QuickFix
    (edit,) = edits_of(fix, uri)
    assert edit.range == want

    # Apply the workspace edit as an editor does, and send the change.
    fixed = apply_edit(text, edit)
    assert fixed == text.replace("القاء", "اللقاء", 1)
    change(client, uri, 2, edit)
    after = await diagnostics(client, uri, 2)
    assert all(d.range.start != want.start for d in after), "the diagnostic went away"
    assert any(d.range == word_range(fixed, "القاء") for d in after), "the next one stays"

    # Close: the diagnostics are cleared.
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while client.diagnostics.get(uri):
        assert loop.time() < deadline, "diagnostics not cleared on close"
        await asyncio.sleep(0.02)


async def test_utf16_ranges_after_emoji(client: LanguageClient, tmp_path):
    text = "سطر\n😀👍🏽 تطرق القاء إلى التحديات\n"
    uri = (tmp_path / "emoji.md").as_uri()
    open_doc(client, uri, text, language="markdown")
    want = word_range(text, "القاء")
    assert want.start == types.Position(line=1, character=12)  # 2 + 4 + 1 + 4 + 1 units
    diags = await diagnostics(client, uri, 1)
    (diag,) = [d for d in diags if d.range == want]

    # "Disable for this line" inserts a suppression comment above: the finding goes.
    actions = await code_actions(client, uri, want, [diag])
    (disable,) = [a for a in actions if a.title == "Disable tadqiq/spelling for this line"]
    (edit,) = edits_of(disable, uri)
    assert edit.new_text == "<!-- tadqiq-disable-next-line tadqiq/spelling -->\n"
    change(client, uri, 2, edit)
    assert [d for d in await diagnostics(client, uri, 2) if d.code == "tadqiq/spelling"] == []


async def test_add_word_to_the_project_word_list(client: LanguageClient, tmp_path):
    text = "تطرق القاء إلى التحديات\n"
    uri = (tmp_path / "news" / "a.txt").as_uri()
    open_doc(client, uri, text)
    (diag,) = await diagnostics(client, uri, 1)
    actions = await code_actions(client, uri, diag.range, [diag])
    (add,) = [a for a in actions if a.title == "Add «القاء» to the project word list"]
    command = add if isinstance(add, types.Command) else add.command
    assert command.command == "tadqiq.addToWordList"
    since = len(client.published)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
    )
    # No configuration: the word goes to .tadqiq-words.txt, named by a new tadqiq.toml at the
    # workspace root (so the CLI reads it too); every open document is linted again.
    assert (tmp_path / ".tadqiq-words.txt").read_text(encoding="utf-8") == "القاء\n"
    toml = (tmp_path / "tadqiq.toml").read_text(encoding="utf-8")
    assert 'words = [".tadqiq-words.txt"]' in toml
    assert await diagnostics(client, uri, 1, since) == []


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def test_malformed_input_is_survived(client: LanguageClient, tmp_path):
    stdin = client._server.stdin
    stdin.write(frame(b"{this is not JSON"))
    stdin.write(b"X-No-Length: 1\r\n\r\n")
    stdin.write(frame(json.dumps({"jsonrpc": "2.0", "id": "bad-1", "method": 7}).encode()))
    # A lone surrogate in a document's text (valid JSON, not valid Unicode).
    uri = (tmp_path / "surrogate.txt").as_uri()
    body = (
        '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
        f'{{"uri":"{uri}","languageId":"plaintext","version":1,'
        '"text":"\\ud800 تطرق القاء"}}}'
    )
    stdin.write(frame(body.encode("utf-8")))
    await stdin.drain()

    # The server goes on: the document is linted, the lone surrogate counting one unit.
    (diag,) = await diagnostics(client, uri, 1)
    assert diag.range.start == types.Position(line=0, character=7)

    # An unknown request is answered MethodNotFound; an unknown notification is ignored.
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("tadqiq/noSuchMethod", {})
    client.protocol.notify("tadqiq/noSuchNotification", {})

    # Positions past the end or inside a surrogate pair are clamped.
    change(
        client,
        uri,
        2,
        types.TextEdit(
            range=types.Range(
                start=types.Position(line=0, character=0),
                end=types.Position(line=40, character=3),
            ),
            new_text="😀 تطرق القاء",
        ),
    )
    (diag,) = await diagnostics(client, uri, 2)
    assert diag.range.start == types.Position(line=0, character=8)
