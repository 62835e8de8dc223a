"""The ``newsdesk`` command's arguments and help: what each sub-command says of itself.

Every ``--help`` starts with one plain line saying what the command does, then its usage,
its arguments and examples (tests/test_cli_help.py runs every example shown). Imports
nothing of the core: ``--help`` costs argparse and no more.
"""
from __future__ import annotations

import argparse

WINDOW = """\
the window:
  newsdesk                     open the last folder (the bundled sample articles the first time)
  newsdesk PATH                open a folder of articles, or one article
  newsdesk --smoke PATH        open PATH, load it, print "loaded N articles" and exit (installers' check)
  newsdesk --debug [PATH]      log everything, also on the console
"""

EPILOG = WINDOW + """
sub-commands (no window; each has --help):
  newsdesk index _news --json                     one JSON line per article
  newsdesk check _news                            list every article with a problem
  newsdesk set _news published=true --where 'topic:AI quality>=60'
  newsdesk set _news topics+=Reviewed --all --dry-run
  newsdesk patch _news/a.md --patch fix.yaml      apply a YAML merge patch

The log file: see newsdesk --version.
"""

USAGE = "newsdesk [PATH]\n       newsdesk {index,check,set,patch} ..."  # the window, or a command

PATH_HELP = "a folder of articles (its sub-folders too), or one article"

# command -> (its one line, what more it says, its examples)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "index": (
        "List every article of a folder, one line each.",
        "Tab-separated, under a header line naming the columns: published (x: published, -: not),\n"
        "quality, date, related (how many links), review (with --review), title, file.\n"
        "A file that cannot be read is named on stderr (exit status 1).",
        "  newsdesk index _news                         one tab-separated line per article\n"
        "  newsdesk index _news --json                  one JSON object per line\n"
        "  newsdesk index _news --review                with each article's review state\n"
        "  newsdesk index _news --json --review         the same as JSON\n"),
    "check": (
        "Check every article of a folder: one line per problem, nothing changed.",
        "Reports what the window would refuse or mark: front matter that does not parse, values\n"
        "of the wrong kind or out of their field's range. Exit status 1 if any article has one.",
        "  newsdesk check _news                         every problem of every article\n"
        "  newsdesk check _news/a.md                    one article\n"),
    "patch": (
        "Apply a YAML merge patch (RFC 7386) to articles, changing only the keys it names.",
        "A mapping merges into the article's, null removes a key, anything else replaces it;\n"
        "the rest of each file is kept byte for byte. Each file changed is named (not with --quiet).\n"
        "Its keys are refused as set refuses them: a key that is not a known field unless\n"
        "--new-key names it, and secured (an opaque payload) always, before any file is read.",
        "  newsdesk patch _news/a.md --patch fix.yaml   (fix.yaml holding, say, 'published: true')\n"),
    "set": (
        "Edit every article a search finds: key=value, key+=item, key-=item.",
        "Chooses the articles of PATH with --where (the search language of the window's search\n"
        "box) or --all, and edits them through the same editing code as the window. A value the\n"
        "window would refuse is refused before any file is read (exit status 2), and so are an\n"
        "empty --where (it would find every article: say --all), a value left out (title=) and\n"
        "any change of secured (an opaque payload).",
        "  newsdesk set _news published=true --where 'topic:AI quality>=60'\n"
        "  newsdesk set _news quality=70 --where 'provider:verge'\n"
        "  newsdesk set _news topics+=Reviewed --all --dry-run\n"
        "  newsdesk set _news topics-=AI heat=null --where 'published:no'\n"),
}


class _Parser(argparse.ArgumentParser):
    """A parser whose help starts with what it does (``summary``), then argparse's usage."""

    summary = ""

    def format_help(self) -> str:
        text = super().format_help()
        return f"{self.summary}\n\n{text}" if self.summary else text


def _command(sub, name: str, run) -> argparse.ArgumentParser:
    line, more, examples = COMMANDS[name]
    p = sub.add_parser(name, help=line[0].lower() + line[1:].rstrip("."), description=more,
                       epilog=f"examples:\n{examples}", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.summary = line
    p.set_defaults(run=run)
    return p


def build(runs: dict, version) -> argparse.ArgumentParser:
    """The parser of ``newsdesk COMMAND ...``: ``runs`` maps each command to its function,
    ``version()`` gives the text of --version."""

    class _VersionAction(argparse.Action):
        """--version that asks for the versions (Qt's is the loaded library's) only when used."""

        def __init__(self, option_strings, dest, **kwargs):
            super().__init__(option_strings, dest, nargs=0, help="show Newsdesk, Python, Qt and PySide6 versions")

        def __call__(self, parser, namespace, values, option_string=None):
            print(version())
            parser.exit()

    parser = _Parser(prog="newsdesk", usage=USAGE,
                     description="The window by default; sub-commands, for scripts, need no window.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.summary = "Review and curate the front-matter articles of a news site."
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", prog="newsdesk",
                                parser_class=_Parser)
    p = _command(sub, "index", runs["index"])
    p.add_argument("path", metavar="PATH", help=PATH_HELP)
    p.add_argument("--json", action="store_true", help="JSON Lines output")
    p.add_argument("--no-cache", action="store_true", help="read every file; do not use or update the index cache")
    p.add_argument("--review", action="store_true",
                   help="add each article's review state (new, reviewed, flagged) as the window keeps it")
    p = _command(sub, "check", runs["check"])
    p.add_argument("path", metavar="PATH", help=PATH_HELP)
    p.add_argument("--no-cache", action="store_true", help="check every file; do not use or update the verdicts cache")
    p = _command(sub, "patch", runs["patch"])
    p.add_argument("files", nargs="+", metavar="FILE", help="the articles to patch")
    p.add_argument("--patch", required=True, metavar="PATCH.yaml", help="the merge patch: a YAML mapping")
    p.add_argument("--new-key", action="append", metavar="KEY",
                   help="allow KEY, which is not a known field, to be added (repeat for more)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not name each file changed")
    p = _command(sub, "set", runs["set"])
    p.add_argument("path", metavar="PATH", help=PATH_HELP)
    p.add_argument("assignments", nargs="+", metavar="KEY=VALUE",
                   help="published=true, quality=60, topics+=AI, topics-=AI, heat=null (removes)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--where", metavar="QUERY", help="e.g. 'topic:AI quality>=60 published:no'")
    which.add_argument("--all", action="store_true", help="every article of PATH (instead of --where)")
    p.add_argument("--new-key", action="append", metavar="KEY",
                   help="allow KEY, which is not a known field, to be added (repeat for more)")
    p.add_argument("--dry-run", action="store_true", help="print the unified diff instead of writing")
    return parser
