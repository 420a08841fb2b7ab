"""Issue 21: what an editor user met that the command line does not have, each through
pytest-lsp (a client no one here wrote). Run as test_server.py is."""

import asyncio
import pathlib
import subprocess

from lsprotocol import types
from pytest_lsp import LanguageClient

from test_server import PLAN, PLANLINT, apply, change, client, git, open_doc, project, start  # noqa: F401


async def published(client: LanguageClient, path: pathlib.Path, seconds: float = 10):
    """The next diagnostics published for `path` (forget the last ones before acting)."""
    uri = path.as_uri()
    for _ in range(int(seconds * 50)):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri}")


def forget(client: LanguageClient, *paths: pathlib.Path):
    for p in paths:
        client.diagnostics.pop(p.as_uri(), None)


def save(client: LanguageClient, path: pathlib.Path):
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )


def codes(found):
    return {d.code for d in found}


async def test_a_bad_configuration_is_shown_and_linting_goes_on(client: LanguageClient, tmp_path):
    # Defect 1: at start the defaults, after a reload the last good configuration; the error
    # is shown and pointed at on its line.
    path = project(tmp_path)
    config = tmp_path / "planlint.toml"
    config.write_text('# settings\n[rules]\nmissing-reference = "of"\n')
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await published(client, path)
    assert "checkbox-syntax" in codes(found)
    errors = [m for m in client.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1 and "planlint.toml:3" in errors[0].message, client.messages
    shown = await published(client, config)
    assert [d.range.start.line for d in shown] == [2]

    forget(client, path, config)
    config.write_text('[rules]\nrecommended-section = "off"\n')
    save(client, config)
    found = await published(client, path)
    assert "recommended-section" not in codes(found) and "checkbox-syntax" in codes(found)
    assert await published(client, config) == []

    forget(client, path, config)
    config.write_text('[rules\nrecommended-section = "off"\n')
    save(client, config)
    found = await published(client, path)
    assert "recommended-section" not in codes(found), "the last good configuration holds"
    assert "checkbox-syntax" in codes(found)
    assert len([m for m in client.messages if m.type == types.MessageType.Error]) == 2
    assert [d.range.start.line for d in await published(client, config)] == [0]


async def test_a_created_file_is_no_longer_missing(client: LanguageClient, tmp_path):
    # Defect 2: `missing-reference` asks the disk again on each lint.
    text = PLAN.replace("imports a statement.", "imports a statement with `src/reader.rs`.")
    path = project(tmp_path, text)
    (tmp_path / "src").mkdir()
    await start(client, tmp_path)
    open_doc(client, path, text)
    assert "missing-reference" in codes(await published(client, path))
    (tmp_path / "src" / "reader.rs").write_text("fn main() {}\n")
    forget(client, path)
    change(client, path, text + "\n", 2)
    assert "missing-reference" not in codes(await published(client, path))


async def actions_for(client, path, finding):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )


async def test_suppress_on_this_line_keeps_the_list_item(client: LanguageClient, tmp_path):
    # Defect 3: on a `Rationale:` continuation line the comment is indented like the line, so
    # the decision stays one list item and no `decision-shape` appears.
    text = PLAN.replace("Rationale: references are unique.", "Rationale: TBD.")
    path = project(tmp_path, text)
    await start(client, tmp_path)
    open_doc(client, path, text)
    found = await published(client, path)
    placeholder = next(d for d in found if d.code == "placeholder")
    actions = await actions_for(client, path, placeholder)
    line = next(a for a in actions if a.title == "Suppress `placeholder` on this line")
    fixed = apply(text, line.edit.changes[path.as_uri()])
    assert "  <!-- planlint-disable-next-line placeholder -->\n  Rationale: TBD." in fixed
    forget(client, path)
    change(client, path, fixed, 2)
    after = codes(await published(client, path))
    assert "placeholder" not in after
    assert "decision-shape" not in after and "unused-suppression" not in after


async def test_in_front_matter_only_the_file_wide_suppression(client: LanguageClient, tmp_path):
    # Defect 3: a comment inside YAML front matter breaks it; only the file-level action.
    text = "---\nstatus: bogus-value\n---\n" + PLAN
    path = project(tmp_path, text)
    await start(client, tmp_path)
    open_doc(client, path, text)
    found = await published(client, path)
    status = next(d for d in found if d.range.start.line == 1)
    actions = await actions_for(client, path, status)
    titles = [a.title for a in actions]
    assert not any(t.endswith("on this line") for t in titles), titles
    file_wide = next(a for a in actions if a.title == f"Suppress `{status.code}` in this file")
    fixed = apply(text, file_wide.edit.changes[path.as_uri()])
    assert fixed.startswith("---\nstatus: bogus-value\n---\n<!-- planlint-disable-file")
    forget(client, path)
    change(client, path, fixed, 2)
    assert status.code not in codes(await published(client, path))


async def test_a_commit_seen_on_the_next_save(client: LanguageClient, tmp_path):
    # Defect 4: HEAD is read again on every save; no watcher needed.
    a = project(tmp_path, PLAN, "plans/a.md")
    b = project(tmp_path, PLAN, "plans/b.md")
    (tmp_path / ".git").rmdir()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "plans")
    await start(client, tmp_path)
    open_doc(client, a, PLAN)
    open_doc(client, b, PLAN)
    await published(client, a)
    edited = PLAN.replace("Read the ledger module.", "Read the ledger.")
    forget(client, b)
    change(client, b, edited, 2)
    assert "progress-rewritten" in codes(await published(client, b))
    b.write_text(edited)
    git(tmp_path, "commit", "-q", "-am", "reworded")
    forget(client, b)
    save(client, a)
    assert "progress-rewritten" not in codes(await published(client, b))


async def test_saving_the_spec_reloads(client: LanguageClient, tmp_path):
    # Defect 4: a client with no file watchers (Neovim 0.7) saves the spec the configuration
    # names: the contract is read again.
    path = project(tmp_path)
    spec = tmp_path / "docs" / "plan-rules.md"
    spec.parent.mkdir()
    spec.write_text("# Plan standard\n\n## Required Plan Sections\n- Purpose / Big Picture\n- Progress\n")
    (tmp_path / "planlint.toml").write_text('spec = "docs/plan-rules.md"\n')
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    assert "required-section" not in codes(await published(client, path))
    spec.write_text(spec.read_text() + "- Rollout\n")
    forget(client, path)
    save(client, spec)
    found = await published(client, path)
    assert any(d.code == "required-section" and "Rollout" in d.message for d in found), found


async def test_pull_clients_are_asked_to_refresh_after_a_reload(client: LanguageClient, tmp_path):
    # Defect 5.
    path = project(tmp_path)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    diagnostic=types.DiagnosticClientCapabilities()
                ),
                workspace=types.WorkspaceClientCapabilities(
                    diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
                ),
            ),
            root_uri=tmp_path.as_uri(),
        )
    )
    open_doc(client, path, PLAN)
    (tmp_path / "planlint.toml").write_text('[rules]\nrecommended-section = "off"\n')
    save(client, tmp_path / "planlint.toml")
    for _ in range(250):
        if client.diagnostic_refresh_count:
            break
        await asyncio.sleep(0.02)
    assert client.diagnostic_refresh_count == 1
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )
    assert "recommended-section" not in codes(report.items)


def lint_line(tmp_path: pathlib.Path, text: str, line: int):
    """The command line's findings on one 1-based line of `text` as plans/check.md."""
    check = tmp_path / "plans" / "check.md"
    check.write_text(text)
    out = subprocess.run(
        [PLANLINT, "--format", "concise", str(check)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    ).stdout
    check.unlink()
    return [l for l in out.splitlines() if f"check.md:{line}:" in l]


async def complete(client, path, line, character):
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character),
        )
    )
    return result.items if hasattr(result, "items") else result


def insert(text: str, line: int, character: int, new: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:character] + new + lines[line][character:]
    return "\n".join(lines)


async def test_completions_make_markdown_that_lints_clean(client: LanguageClient, tmp_path):
    # Defect 6: `##` + completion, the box and spaces a Progress entry lacks.
    text = PLAN.replace("## Decision Log\n\n- Decision: key lines by reference.\n  Rationale: references are unique.\n\n", "")
    text = text.replace("- [X ] Wrote the reader.", "- [x] (2025-09-01 10:00Z) Wrote the reader.")
    await start(client, tmp_path)
    cases = [
        ("- [x] (2025-09-01 10:00Z) Wrote the reader.", "-"),
        ("- [x] (2025-09-01 10:00Z) Wrote the reader.", "- "),
        ("- [x] (2025-09-01 10:00Z) Wrote the reader.", "- [x]"),
        ("- [x] (2025-09-01 10:00Z) Wrote the reader.", "- [X] "),
    ]
    for n, (after, typed) in enumerate(cases):
        doc = text.replace(after, after + "\n" + typed)
        path = project(tmp_path, doc, f"plans/p{n}.md")
        open_doc(client, path, doc)
        line = doc.split("\n").index(typed)
        items = await complete(client, path, line, len(typed))
        assert len(items) == 1, (typed, items)
        done = insert(doc, line, len(typed), items[0].insert_text + "Tested it.")
        assert done.split("\n")[line] in ("- [x] (2026-11-25 00:00Z) Tested it.", "- [X] (2026-11-25 00:00Z) Tested it."), done.split("\n")[line]
        assert lint_line(tmp_path, done, line + 1) == []
    heading = text.replace("## Outcomes & Retrospective", "##\n\n- Decision: x.\n  Rationale: y.\n  Date/Author: 2025-09-01 / me\n\n## Outcomes & Retrospective")
    path = project(tmp_path, heading, "plans/h.md")
    open_doc(client, path, heading)
    line = heading.split("\n").index("##")
    items = await complete(client, path, line, 2)
    decision = next(i for i in items if i.label == "Decision Log")
    done = insert(heading, line, 2, decision.insert_text)
    assert done.split("\n")[line] == "## Decision Log"
    assert lint_line(tmp_path, done, line + 1) == []


async def test_numbered_headings_complete_with_their_number(client: LanguageClient, tmp_path):
    # Defect 6: the numbered dialect's heading carries its number.
    source = pathlib.Path(__file__).parents[4] / "fixtures" / "samples"
    sample = next(p for p in sorted(source.glob("*.md")) if "## 7. Validation and acceptance" in p.read_text())
    text = sample.read_text().replace("## 7. Validation and acceptance", "## ")
    path = project(tmp_path, text, "plans/numbered.md")
    await start(client, tmp_path)
    open_doc(client, path, text)
    line = text.split("\n").index("## ")
    items = await complete(client, path, line, 3)
    assert "7. Validation and acceptance" in [i.insert_text for i in items], items


async def test_the_root_is_the_clients_workspace_folder(client: LanguageClient, tmp_path):
    # Defect 7: no `.git`, no `planlint.toml`: `plans/a.md` is in the plan scope of the
    # workspace the client opened, as `planlint .` there lints it.
    path = tmp_path / "plans" / "a.md"
    path.parent.mkdir()
    path.write_text(PLAN)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    assert "checkbox-syntax" in codes(await published(client, path))


async def test_closing_a_document_clears_its_diagnostics(client: LanguageClient, tmp_path):
    # Defect 9.
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    assert await published(client, path)
    forget(client, path)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )
    assert await published(client, path) == []


async def test_formatting_is_the_safe_fixes(client: LanguageClient, tmp_path):
    # Feature: format on save keeps plans clean; the same bytes as `planlint --fix`.
    from test_server import planlint_fix

    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    await published(client, path)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert apply(PLAN, edits) == planlint_fix(path).decode()
    box = PLAN.split("\n").index("- [X ] Wrote the reader.")
    ranged = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(line=box, character=0), end=types.Position(line=box, character=6)),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert ranged and all(e.range.start.line == box for e in ranged)


async def test_fix_all_never_rewrites_committed_history(client: LanguageClient, tmp_path):
    # Defect 11: `-[x]` glued to a committed entry is part of it; fixing the box would split
    # the entry (a `progress-rewritten` error). Fix-all leaves that fix out and says so.
    text = PLAN.replace("- [X ] Wrote the reader.", "-[x] (2025-09-01 10:00Z) Wrote the reader.")
    text = text.replace("## Purpose / Big Picture", "## Purpose / Big Picture\n\n- [X ] an open box outside Progress")
    path = project(tmp_path, text)
    (tmp_path / ".git").rmdir()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "plan")
    await start(client, tmp_path)
    open_doc(client, path, text)
    found = await published(client, path)
    assert "progress-rewritten" not in codes(found)
    assert sum(1 for d in found if d.code == "checkbox-syntax") == 2, found
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=40, character=0))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=whole,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    fix_all = next(a for a in actions if a.kind == "source.fixAll.planlint")
    assert "leaving out 1 fix that would rewrite committed history" in fix_all.title
    fixed = apply(text, fix_all.edit.changes[path.as_uri()])
    assert "- [x] an open box outside Progress" in fixed and "-[x] (2025-09-01 10:00Z)" in fixed
    forget(client, path)
    change(client, path, fixed, 2)
    assert "progress-rewritten" not in codes(await published(client, path))


async def test_code_actions_only_of_the_kinds_asked(client: LanguageClient, tmp_path):
    # Feature: fix-all (a whole `--fix`) only when the client names it or a person asks; the
    # automatic requests of a cursor move get the quick fixes alone.
    path = project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, path, PLAN)
    found = await published(client, path)
    box = next(d for d in found if d.code == "checkbox-syntax")

    async def kinds(only=None, trigger=None):
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                range=box.range,
                context=types.CodeActionContext(diagnostics=[box], only=only, trigger_kind=trigger),
            )
        )
        return sorted({a.kind for a in actions})

    assert await kinds(["quickfix"]) == ["quickfix"]
    assert await kinds(["source.fixAll"]) == ["source.fixAll.planlint"]
    assert await kinds(trigger=types.CodeActionTriggerKind.Automatic) == ["quickfix"]
    assert await kinds(trigger=types.CodeActionTriggerKind.Invoked) == ["quickfix", "source.fixAll.planlint"]


async def test_workspace_symbols_definition_and_references(client: LanguageClient, tmp_path):
    # Features: plans, sections and decisions across the workspace; a backticked path and a
    # link to another plan open their files; a plan's references are the plans naming it.
    a = project(tmp_path, PLAN, "plans/a.md")
    named = PLAN.replace(
        "A bookkeeper imports a statement.",
        "A bookkeeper imports a statement (see [the import plan](a.md) and `src/reader.rs`).",
    ).replace("# Import statements", "# Export reports")
    b = project(tmp_path, named, "plans/b.md")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "reader.rs").write_text("fn main() {}\n")
    await start(client, tmp_path)
    open_doc(client, b, named)
    await published(client, b)

    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="import"))
    found = {(s.name, s.location.uri) for s in symbols}
    assert ("Import statements", a.as_uri()) in found, found
    decisions = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="key lines"))
    assert {s.location.uri for s in decisions} == {a.as_uri(), b.as_uri()}
    assert all(s.kind == types.SymbolKind.Key for s in decisions)

    line = named.split("\n").index(next(l for l in named.split("\n") if "import plan" in l))
    text_line = named.split("\n")[line]

    async def goto(column):
        return await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=b.as_uri()),
                position=types.Position(line=line, character=column),
            )
        )

    link = await goto(text_line.index("import plan"))
    assert link.uri == a.as_uri(), link
    code = await goto(text_line.index("reader.rs"))
    assert code.uri == (tmp_path / "src" / "reader.rs").as_uri(), code
    assert await goto(0) is None

    open_doc(client, a, PLAN)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=a.as_uri()),
            position=types.Position(line=0, character=2),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert [(r.uri, r.range.start.line) for r in refs] == [(b.as_uri(), line)], refs


async def test_every_plan_of_the_workspace_gets_its_findings(client: LanguageClient, tmp_path):
    # Feature: workspace diagnostics, pushed while the client is quiet (no document open).
    a = project(tmp_path, PLAN, "plans/a.md")
    b = project(tmp_path, PLAN.replace("- [X ]", "- [x] (2025-09-01 10:00Z)"), "plans/b.md")
    (tmp_path / "README.md").write_text("# Not a plan\n\n- [X ] x\n")
    await start(client, tmp_path)
    assert "checkbox-syntax" in codes(await published(client, a))
    assert "checkbox-syntax" not in codes(await published(client, b))
    await asyncio.sleep(0.2)
    assert (tmp_path / "README.md").as_uri() not in client.diagnostics


async def test_pull_clients_get_the_workspace_report(client: LanguageClient, tmp_path):
    # Feature: `workspace/diagnostic` reports every plan in scope, open ones as typed.
    a = project(tmp_path, PLAN, "plans/a.md")
    b = project(tmp_path, PLAN, "plans/b.md")
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
    fixed = PLAN.replace("- [X ]", "- [x] (2025-09-01 10:00Z)")
    open_doc(client, b, fixed)
    report = await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=[])
    )
    by_uri = {i.uri: {d.code for d in i.items} for i in report.items}
    assert set(by_uri) == {a.as_uri(), b.as_uri()}
    assert "checkbox-syntax" in by_uri[a.as_uri()]
    assert "checkbox-syntax" not in by_uri[b.as_uri()]


async def test_fix_on_save_when_the_client_asks(client: LanguageClient, tmp_path):
    # Feature: `willSaveWaitUntil` gives the safe fixes, offered only with `fixOnSave`.
    from test_server import planlint_fix

    path = project(tmp_path)
    result = await start(client, tmp_path, options={"fixOnSave": True})
    assert result.capabilities.text_document_sync.will_save_wait_until is True
    open_doc(client, path, PLAN)
    await published(client, path)
    edits = await client.text_document_will_save_wait_until_async(
        types.WillSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            reason=types.TextDocumentSaveReason.Manual,
        )
    )
    assert apply(PLAN, edits) == planlint_fix(path).decode()


async def test_workspace_folders_set_the_root_and_can_change(client: LanguageClient, tmp_path):
    # Defect 7: `workspaceFolders` (and their changes) give the root of a folder no marker holds.
    first, second = tmp_path / "one", tmp_path / "two"
    path = second / "plans" / "a.md"
    path.parent.mkdir(parents=True)
    first.mkdir()
    path.write_text(PLAN)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=first.as_uri(), name="one")],
        )
    )
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=second.as_uri(), name="two")],
                removed=[types.WorkspaceFolder(uri=first.as_uri(), name="one")],
            )
        )
    )
    open_doc(client, path, PLAN)
    assert "checkbox-syntax" in codes(await published(client, path))


async def test_a_long_line_of_findings_costs_what_the_command_line_does(client: LanguageClient, tmp_path):
    # Defect 10: each position was counted from its line's start, so thousands of findings on
    # one long line cost a quadratic time; now a keystroke costs about what `planlint` does,
    # and every range is still exact in UTF-16 units.
    import time

    line = " ".join("`x/€%d.rs`" % i for i in range(6000))
    text = "# Long\n\n## Purpose / Big Picture\n\n" + line + "\n"
    path = project(tmp_path, text)
    started = time.perf_counter()
    subprocess.run([PLANLINT, "--format", "concise", str(path)], cwd=tmp_path, capture_output=True)
    cli = time.perf_counter() - started
    await start(client, tmp_path)
    open_doc(client, path, text)
    await published(client, path, seconds=120)
    forget(client, path)
    started = time.perf_counter()
    change(client, path, text + "\n", 2)
    found = await published(client, path, seconds=120)
    keystroke = time.perf_counter() - started
    refs = [d for d in found if d.code == "missing-reference"]
    assert len(refs) == 6000
    units = lambda s: len(s.encode("utf-16-le")) // 2
    for i in (0, 2999, 5999):
        name = "`x/€%d.rs`" % i
        at = line.index(name + " ") if i < 5999 else line.rindex(name)
        d = next(d for d in refs if "x/€%d.rs`" % i in d.message)
        assert (d.range.start.character, d.range.end.character) == (units(line[:at]), units(line[:at]) + len(name))
    assert keystroke < 3 * cli + 1.0, (keystroke, cli)
