"""planlint server driven by pytest-lsp, a client no one here wrote.

Run through `cargo test -p planlint --test lsp` (which passes the binary as PLANLINT_BIN), or
directly: `PLANLINT_BIN=target/debug/planlint python3 -m pytest crates/planlint/tests/lsp`.
"""

import os
import pathlib
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

PLANLINT = os.environ.get("PLANLINT_BIN", "planlint")

PLAN = """# Import statements

## Purpose / Big Picture

A bookkeeper imports a statement.

## Progress

- [x] (2025-09-01 09:00Z) Read the ledger module.
- [X ] Wrote the reader.

## Surprises & Discoveries

None.

## Decision Log

- Decision: key lines by reference.
  Rationale: references are unique.

## Outcomes & Retrospective

Half built.
"""


def project(tmp: pathlib.Path, text: str = PLAN, name: str = "plans/import.md") -> pathlib.Path:
    (tmp / ".git").mkdir(exist_ok=True)
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode())
    return path


async def start(client: LanguageClient, root: pathlib.Path, utf8: bool = False, options=None):
    general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
        if utf8
        else None
    )
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(general=general),
            root_uri=root.as_uri(),
            initialization_options=options,
        )
    )
    return result


def open_doc(client: LanguageClient, path: pathlib.Path, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="markdown", version=version, text=text
            )
        )
    )


def change(client: LanguageClient, path: pathlib.Path, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, path: pathlib.Path):
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics.get(path.as_uri(), [])


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[PLANLINT, "server"]))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_appear_and_clear(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    rules = {d.code for d in found}
    assert "checkbox-syntax" in rules
    box = next(d for d in found if d.code == "checkbox-syntax")
    assert box.severity == types.DiagnosticSeverity.Error
    assert box.source == "planlint"
    assert box.code_description is not None
    change(client, path, PLAN.replace("- [X ] Wrote", "- [x] (2025-09-01 10:00Z) Wrote"), 2)
    found = await diagnostics(client, path)
    assert "checkbox-syntax" not in {d.code for d in found}


CJK = "# 計画 😀\r\n\r\n## 目的\r\n\r\n絵文字 😀 と日本語。\r\n\r\n## 進捗\r\n\r\n- [x] (2025-09-01 09:00Z) 😀 読んだ。\r\n- [X ] 😀😀 書いた。\r\n"


@pytest.mark.parametrize("utf8", [False, True])
async def test_positions_on_cjk_emoji_crlf(client: LanguageClient, tmp_path, utf8):
    path = project(tmp_path, CJK)
    result = await start(client, tmp_path, utf8=utf8)
    assert result.capabilities.position_encoding == (
        types.PositionEncodingKind.Utf8 if utf8 else types.PositionEncodingKind.Utf16
    )
    open_doc(client, path, CJK)
    found = await diagnostics(client, path)
    box = next(d for d in found if d.code == "checkbox-syntax")
    line = CJK.split("\r\n")[box.range.start.line]
    assert line.startswith("- [X ]")
    # The squiggle covers exactly `- [X ]` in the client's own units.
    assert box.range.start.character == 0
    assert box.range.end.character == len("- [X ]")
    title = next(d for d in found if d.code == "required-section" or d.code == "recommended-section")
    heading = CJK.split("\r\n")[title.range.start.line]
    first = title.range.start.character
    unit = (lambda s: len(s.encode())) if utf8 else (lambda s: len(s.encode("utf-16-le")) // 2)
    # The start falls on a character boundary of that line in the negotiated units.
    assert any(unit(heading[:i]) == first for i in range(len(heading) + 1))


def planlint_fix(path: pathlib.Path) -> bytes:
    copy = path.with_name("copy.md")
    copy.write_bytes(path.read_bytes())
    subprocess.run([PLANLINT, "--fix", "--quiet", str(copy)], cwd=path.parent, check=False)
    out = copy.read_bytes()
    copy.unlink()
    return out


def apply(text: str, edits, utf8=False) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`."""
    lines = text.split("\n")

    def offset(pos):
        before = "\n".join(lines[: pos.line]) + ("\n" if pos.line else "")
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, i = 0, 0
        while i < len(line) and units < pos.character:
            units += len(line[i].encode("utf-16-le")) // 2
            i += 1
        return len(before) + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset(e.range.start), offset(e.range.end)
        text = text[:a] + e.new_text + text[b:]
    return text


async def test_quick_fix_and_fix_all_match_planlint_fix(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    box = next(d for d in found if d.code == "checkbox-syntax")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=box.range,
            context=types.CodeActionContext(diagnostics=[box]),
        )
    )
    want = planlint_fix(path).decode()
    quick = next(a for a in actions if a.title.startswith("Fix `checkbox-syntax`"))
    assert apply(PLAN, quick.edit.changes[path.as_uri()]) == want
    fix_all = next(a for a in actions if a.kind == "source.fixAll.planlint")
    assert apply(PLAN, fix_all.edit.changes[path.as_uri()]) == want


async def test_suppression_silences_the_finding(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    box = next(d for d in found if d.code == "checkbox-syntax")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=box.range,
            context=types.CodeActionContext(diagnostics=[box]),
        )
    )
    suppress = next(a for a in actions if a.title == "Suppress `checkbox-syntax` on this line")
    text = apply(PLAN, suppress.edit.changes[path.as_uri()])
    assert "<!-- planlint-disable-next-line checkbox-syntax -->" in text
    change(client, path, text, 2)
    found = await diagnostics(client, path)
    assert "checkbox-syntax" not in {d.code for d in found}
    assert "unused-suppression" not in {d.code for d in found}


def git(root, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


async def test_editing_an_old_progress_entry_is_flagged(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    (tmp_path / ".git").rmdir()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "plan")
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    assert "progress-rewritten" not in {d.code for d in found}
    change(client, path, PLAN.replace("Read the ledger module.", "Read the ledger."), 2)
    found = await diagnostics(client, path)
    assert "progress-rewritten" in {d.code for d in found}


async def test_history_can_be_turned_off(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    (tmp_path / ".git").rmdir()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "plan")
    await start(client, tmp_path, options={"history": False})
    open_doc(client, path, PLAN.replace("Read the ledger module.", "Read the ledger."))
    found = await diagnostics(client, path)
    assert "progress-rewritten" not in {d.code for d in found}


async def test_document_symbols_list_the_sections(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    await diagnostics(client, path)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )
    names = [s.name for s in symbols]
    assert names == [
        "Purpose / Big Picture",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Outcomes & Retrospective",
    ]
    progress = symbols[1]
    assert len(progress.children) == 2
    assert symbols[3].children[0].name == "key lines by reference."


async def test_a_configuration_change_lints_again(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    assert "recommended-section" in {d.code for d in found}
    (tmp_path / "planlint.toml").write_text('[rules]\nrecommended-section = "off"\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / "planlint.toml").as_uri(), type=types.FileChangeType.Created
                )
            ]
        )
    )
    found = await diagnostics(client, path)
    assert "recommended-section" not in {d.code for d in found}


async def test_hover_explains_the_rule(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await diagnostics(client, path)
    box = next(d for d in found if d.code == "checkbox-syntax")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=box.range.start,
        )
    )
    assert "# checkbox-syntax" in hover.contents.value


async def test_files_out_of_scope_get_no_diagnostics(client: LanguageClient, tmp_path):
    project(tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text("# Project\n\n- [X ] not a plan\n")
    await start(client, tmp_path)
    open_doc(client, readme, readme.read_text())
    found = await diagnostics(client, readme)
    assert list(found) == []


async def test_the_editor_keeps_the_command_lines_plan_scope(client: LanguageClient, tmp_path):
    # A roadmap in a plan folder does not read as a plan; a note elsewhere that declares itself
    # an ExecPlan does — as `planlint` at the root decides.
    project(tmp_path)
    roadmap = tmp_path / "plans" / "roadmap-2027.md"
    roadmap.write_text("# Roadmap 2027\n\n## Vision\n\nGrow.\n\n## Markets\n\nEU first.\n")
    note = tmp_path / "notes" / "cleanup.md"
    note.parent.mkdir(exist_ok=True)
    note.write_text("# Clean up\n\nThis ExecPlan is a living document.\n\n## Progress\n\n- [X ] started\n")
    await start(client, tmp_path)
    open_doc(client, roadmap, roadmap.read_text())
    assert list(await diagnostics(client, roadmap)) == []
    open_doc(client, note, note.read_text())
    found = await diagnostics(client, note)
    assert "checkbox-syntax" in {d.code for d in found}


async def test_pulled_diagnostics(client: LanguageClient, tmp_path):
    path = project(tmp_path)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    diagnostic=types.DiagnosticClientCapabilities()
                )
            ),
            root_uri=tmp_path.as_uri(),
        )
    )
    open_doc(client, path, PLAN)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )
    assert "checkbox-syntax" in {d.code for d in report.items}


async def test_completion_of_statuses_headings_and_timestamps(client: LanguageClient, tmp_path):
    text = "# Plan\n\nStatus: in\n\n## Purpose / Big Picture\n\nWhy.\n\n## \n\n## Progress\n\n- \n"
    path = project(tmp_path, text)
    await start(client, tmp_path)
    open_doc(client, path, text)
    await diagnostics(client, path)

    async def labels(line, character):
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                position=types.Position(line=line, character=character),
            )
        )
        items = result.items if hasattr(result, "items") else result
        return [i.label for i in items]

    assert "in-progress" in await labels(2, 10)
    assert "Decision Log" in await labels(8, 3)
    stamps = await labels(12, 2)
    assert len(stamps) == 1 and stamps[0].startswith("(") and stamps[0].endswith("Z)")


async def test_the_server_asks_to_watch_its_files(client: LanguageClient, tmp_path):
    import asyncio

    seen = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        seen.extend(params.registrations)
        return None

    project(tmp_path)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                workspace=types.WorkspaceClientCapabilities(
                    did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                        dynamic_registration=True
                    )
                )
            ),
            root_uri=tmp_path.as_uri(),
        )
    )
    for _ in range(100):
        if seen:
            break
        await asyncio.sleep(0.02)
    assert [r.method for r in seen] == ["workspace/didChangeWatchedFiles"]
    globs = [w["globPattern"] for w in seen[0].register_options["watchers"]]
    assert "**/planlint.toml" in globs and "**/PLANS.md" in globs and "**/.git/HEAD" in globs


@pytest.mark.parametrize(
    "command,args,cli",
    [
        ("planlint.log", ["Wired the flag."], ["log", "Wired the flag."]),
        ("planlint.decide", ["Stream rows.", "Reports are large.", "ana"], ["decide", "Stream rows.", "--why", "Reports are large.", "--author", "ana"]),
        ("planlint.tick", ["Wrote"], ["tick", "Wrote"]),
    ],
)
async def test_record_commands_write_what_the_command_line_writes(client: LanguageClient, tmp_path, command, args, cli):
    import asyncio

    text = PLAN.replace("- [X ] Wrote the reader.", "- [ ] Wrote the reader.")
    path = project(tmp_path, text)
    edits = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams):
        edits.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    result = await start(client, tmp_path)
    assert command in result.capabilities.execute_command_provider.commands
    open_doc(client, path, text)
    await diagnostics(client, path)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command, arguments=[path.as_uri(), *args])
    )
    for _ in range(100):
        if edits:
            break
        await asyncio.sleep(0.02)
    assert edits, "no workspace/applyEdit"
    got = apply(text, edits[0].changes[path.as_uri()])
    copy = tmp_path / "plans" / "cli.md"
    copy.write_text(text)
    subprocess.run([PLANLINT, cli[0], str(copy), *cli[1:]], cwd=tmp_path, check=True, capture_output=True)
    assert got == copy.read_text()
