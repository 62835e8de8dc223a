"""The ``newsdesk`` command: the window by default, sub-commands for scripts.

Sub-commands import no Qt, so they start fast and run on servers; ``--help`` and
``--version`` import nothing of the core either (measured with ``python -X importtime``).
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself costs an import (~2 ms) that --help does not need
if TYPE_CHECKING:  # argparse only when the arguments need it (see _quick_patch_args)
    import argparse
    from pathlib import Path  # (pathlib and its urllib.parse are ~3 ms of a patch process)

COMMANDS = ("index", "check", "patch", "set")


def _err(message: str) -> None:
    print(f"newsdesk: {message}", file=sys.stderr)


def _existing(path: str) -> Path | None:
    """The PATH argument, or None (said on stderr) if there is nothing there."""
    from pathlib import Path

    root = Path(path)
    if not root.exists():
        from newsdesk.core.printable import printable
        _err(f"{printable(root)}: no such file or folder")
        return None
    return root


def cmd_index(args: argparse.Namespace) -> int:
    from newsdesk.core.indexing.listing import json_line
    from newsdesk.core.printable import printable
    from newsdesk.core.problems import ArticleProblem

    root = _existing(args.path)
    if root is None:
        return 2
    problems = 0
    out = sys.stdout
    if hasattr(out, "reconfigure") and os.name == "posix":
        out.reconfigure(errors="surrogateescape")  # a file name that is not UTF-8, as its bytes
    if args.json and not args.no_cache and not args.review:  # an unchanged file's line as last printed
        from newsdesk.core.indexing.listing import json_lines
        lines = []
        for line in json_lines(root):
            if isinstance(line, ArticleProblem):
                problems += 1
                print(line, file=sys.stderr)
            else:
                lines.append(line)
        out.write("\n".join(lines) + "\n" if lines else "")
        return 1 if problems else 0
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.indexing.index import article_paths
    from newsdesk.core.indexing.pipeline import index_all

    cache = None if args.no_cache else IndexCache()
    rows = index_all(article_paths(root), root, cache)
    review = _review_states(root, rows) if args.review else None
    if not args.json:
        out.write("\t".join(_text_columns(review is not None)) + "\n")
    for row in (review[0] if review else rows):
        if isinstance(row, ArticleProblem):
            problems += 1
            print(row, file=sys.stderr)
            continue
        if args.json:
            out.write(json_line(row, **({"review": review[1].get(row.path, "new")} if review else {})) + "\n")
        else:
            mark = "x" if row.published is True else "-"
            quality = "" if row.quality is None else row.quality
            state = f"{review[1].get(row.path, 'new')}\t" if review else ""
            out.write(f"{mark}\t{printable(quality)}\t{printable(row.publishedDateTime or '')}\t{row.related}\t"
                      f"{state}{printable(row.title or '')}\t{printable(row.path)}\n")
    return 1 if problems else 0


def _text_columns(review: bool) -> list[str]:
    """The header of ``index``'s text output (its --help says what each column holds)."""
    return ["published", "quality", "date", "related", *(["review"] if review else []), "title", "path"]


def _review_states(root: Path, results) -> tuple[list, dict[str, str]]:
    """The rows (and problems) of ``results``, and the review state of each row, read from the
    review records the window keeps for this folder (none kept yet: every article is new)."""
    from newsdesk.core.editorial.review import ReviewStore, store_path
    from newsdesk.core.files.paths import data_dir
    from newsdesk.core.indexing.index import Row

    results = list(results)
    path = store_path(root if root.is_dir() else root.parent, data_dir())
    if not path.exists():
        return results, {}
    store = ReviewStore(path)
    try:
        states = store.states({r.path: r for r in results if isinstance(r, Row)})
    finally:
        store.close()
    return results, {rel: state.value for rel, state in states.items()}


def cmd_check(args: argparse.Namespace) -> int:
    from newsdesk.core.files.walk import iter_article_files
    from newsdesk.core.indexing.check import VerdictCache, check_all, lines_of

    root = _existing(args.path)
    if root is None:
        return 2
    paths = list(iter_article_files(root))  # strings, and no index imported: a warm check reads no article
    bad = 0
    for path, found in zip(paths, check_all(paths, None if args.no_cache else VerdictCache()), strict=True):
        lines = lines_of(path, found)
        bad += bool(lines)
        for line in lines:
            print(line)
    print(f"{len(paths)} article{'' if len(paths) == 1 else 's'} checked, {bad} with problems", file=sys.stderr)
    return 1 if bad else 0


def cmd_patch(args: argparse.Namespace) -> int:
    from newsdesk.core.document import yamlparse
    from newsdesk.core.document.article import folder_conventions, open_article
    from newsdesk.core.document.draft import Draft
    from newsdesk.core.document.edits import Patch
    from newsdesk.core.editorial.assign import key_refusal
    from newsdesk.core.files import saving
    from newsdesk.core.files.disk import folder_of
    from newsdesk.core.printable import printable
    from newsdesk.core.problems import ArticleProblem

    if not os.path.lexists(args.patch):  # (read_bytes says "no longer exists": of an article)
        _err(f"{args.patch}: no such file")
        return 2
    try:
        text = saving.read_bytes(args.patch).decode("utf-8").removeprefix("\ufeff")  # (utf-8-sig's codec: an import)
        patch = yamlparse.load_value(text)
    except ArticleProblem as p:
        _err(f"patch {p.with_path(args.patch) if p.path is None else p}")
        return 2
    except UnicodeDecodeError:
        _err(f"{printable(args.patch)}: the patch is not UTF-8 text")
        return 2
    if not isinstance(patch, dict):
        _err(f"{printable(args.patch)}: a patch must be a YAML mapping of keys to values")
        return 2
    refused = [m for m in (key_refusal(key, set(args.new_key or ()), payloads=True) for key in patch) if m]
    if refused:  # before any file is read, in `set`'s words (a value is checked in each file, naming it)
        for message in refused:
            _err(message)
        return 2
    failed = 0
    for path in args.files:  # (path strings: see files/disk.py)
        try:
            if not os.path.lexists(path):
                raise ArticleProblem("no such file", path)
            draft = Draft(open_article(path))  # only the patched entries are parsed, where it can
            draft.apply(Patch(patch))
            if not draft.dirty:
                continue  # already so: not written, not named
            draft.save(folder=lambda path=path: folder_conventions(folder_of(path), skip=path))
            if not args.quiet:
                print(f"{printable(path)}: changed")  # (a raw name that is not UTF-8 raised here)
        except ArticleProblem as p:
            failed += 1
            print(p if p.path is not None else p.with_path(path), file=sys.stderr)
    return 1 if failed else 0


def cmd_set(args: argparse.Namespace) -> int:
    from newsdesk.core.document.article import folder_conventions, open_article
    from newsdesk.core.document.draft import Draft
    from newsdesk.core.editorial.assign import Assignment, refusals
    from newsdesk.core.editorial.changes import unified
    from newsdesk.core.editorial.search import SearchError, compile_query
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.indexing.index import article_paths
    from newsdesk.core.indexing.pipeline import index_all
    from newsdesk.core.printable import printable
    from newsdesk.core.problems import ArticleProblem

    root = _existing(args.path)
    if root is None:
        return 2
    if args.where is not None and not args.where.strip():  # `--where "$Q"` with Q unset
        _err("--where: the search is empty, and an empty search finds every article; "
             "to edit every article, say --all")
        return 2
    try:
        match = compile_query(args.where or "")
        assignments = [Assignment.parse(text) for text in args.assignments]
    except SearchError as e:
        _err(f"--where: {e}")
        return 2
    except ArticleProblem as p:
        _err(p.message)
        return 2
    refused = refusals(assignments, set(args.new_key or ()))
    edits = [assignment.edit() for assignment in assignments]
    if refused:
        for message in refused:
            _err(message)
        return 2
    paths = article_paths(root)
    cache = IndexCache()
    chosen, failed, changed, unreadable = [], 0, 0, 0
    for result, path in zip(index_all(paths, root, cache), paths, strict=True):
        if isinstance(result, ArticleProblem):
            unreadable += 1  # never matches, and is named: the edit did not reach it
            print(f"{result if result.path is not None else result.with_path(path)} (not edited)", file=sys.stderr)
            continue
        if match(result):
            chosen.append(path)
    for path in chosen:
        def folder(path=path):
            return folder_conventions(path.parent, skip=path)
        try:
            draft = Draft(open_article(path))  # read and written entry by entry where it can
            for edit in edits:
                draft.apply(edit)
            if not draft.dirty:
                continue
            if args.dry_run:
                sys.stdout.write(unified(_shown_path(path, root), draft.article.raw, draft.render(folder)))
            else:
                draft.save(folder=folder)
            changed += 1
        except ArticleProblem as p:
            failed += 1
            print(p if p.path is not None else p.with_path(path), file=sys.stderr)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): not this file's failure; main() ends quietly
        except Exception as e:  # noqa: BLE001 - one file's surprise stops only that file
            failed += 1
            print(f"{printable(path)}: not edited: {type(e).__name__}: {e}", file=sys.stderr)
    verb = "would change" if args.dry_run else "changed"
    print(f"{len(chosen)} of {len(paths)} articles matched; {verb} {changed}"
          + (f"; {failed} failed" if failed else "")
          + (f"; {unreadable} unreadable, not edited" if unreadable else ""), file=sys.stderr)
    return 1 if failed or unreadable else 0


def _shown_path(path, root) -> str:
    """A file's name in a diff header, as git writes it: from the current folder when the
    file is under it, else from the folder given (never ``a//tmp/...``); escaped as every
    name the CLI prints (core/printable.py)."""
    import os

    from newsdesk.core.printable import printable
    here = os.path.relpath(path)
    shown = here if not here.startswith("..") else os.path.join(os.path.basename(root), os.path.relpath(path, root))
    return printable(shown.replace(os.sep, "/"))




def _version_text() -> str:
    from newsdesk import diagnostics

    return diagnostics.version_text() + f"\nlog folder {diagnostics.log_dir()}"


def _subcommand_parser() -> argparse.ArgumentParser:
    from newsdesk.cli_args import build

    return build({"index": cmd_index, "check": cmd_check, "patch": cmd_patch, "set": cmd_set}, _version_text)


def _utf8_console() -> None:
    """Write UTF-8 whatever the console's code page: a cp1252 console or pipe on Windows
    (or a C locale elsewhere) raised UnicodeEncodeError on the first emoji title."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue  # a windowed Windows app has no console streams at all
        if (stream.encoding or "").lower().replace("-", "").replace("_", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (ValueError, OSError):
                pass


def gui_main() -> int:
    """The ``newsdesk-gui`` entry point: the window only (no console on Windows)."""
    from newsdesk.ui.app import run_gui

    return run_gui(sys.argv[1:])


class _PatchArgs:
    """What argparse would make of a plain ``patch FILE... --patch PATCH`` (see _quick_patch_args)."""

    def __init__(self, files: list[str], patch: str):
        self.files, self.patch, self.run = files, patch, cmd_patch
        self.new_key, self.quiet = None, False


def _quick_patch_args(argv: list[str]) -> _PatchArgs | None:
    """``newsdesk patch`` is one small edit, often run once per file by a script: its
    arguments are read here when they are plain (files, and ``--patch X`` or
    ``--patch=X`` once), without importing argparse (~4 ms of a ~40 ms process with its
    gettext). Anything else (help, an option, a missing part) goes to argparse, which
    says what is wrong."""
    args = argv[1:]
    for option, files in ((args[-2:], args[:-2]), (args[:2], args[2:]), (args[-1:], args[:-1]), (args[:1], args[1:])):
        if len(option) == 2 and option[0] == "--patch" or len(option) == 1 and option[0].startswith("--patch="):
            patch = option[1] if len(option) == 2 else option[0][len("--patch="):]
            if files and patch and not patch.startswith("-") and not any(f.startswith("-") for f in files):
                return _PatchArgs(files, patch)  # (argparse takes the files as one run, before or after)
    return None


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()  # the index's worker processes in a frozen bundle
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        _utf8_console()
        args = (_quick_patch_args(argv) if argv[0] == "patch" else None) or _subcommand_parser().parse_args(argv)
        try:
            return args.run(args)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # `newsdesk ... | head`: stop quietly, as git and grep do
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            return 0
    from newsdesk.ui.app import run_gui  # Qt only for the window

    return run_gui(argv)
