"""The command line: ``python -m incidents COMMAND ...``.

Commands are loaded lazily from ``incidents/commands/`` so that a quick command such as
``corpus`` does not pay for importing the dashboard's dependencies.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from incidents import __version__

# command name -> module under incidents.commands
COMMANDS: dict[str, str] = {
    "corpus": "corpus",
    "extract": "extract",
    "build": "build",
    "add": "add",
    "evaluate": "evaluate",
    "gazetteer": "gazetteer",
    "import-acled": "import_acled",
    "synth": "synth",
    "briefing": "briefing",
    "bench": "bench",
    "serve": "serve",
    "load": "load",
}


DESCRIPTION = ("Iraq Incident Monitor: extract incidents from news articles, import ACLED exports, "
               "serve the dashboard, render briefings.")


def program_name(argv0: str) -> str:
    """``incidents`` when started as the installed console script, else ``python -m incidents``."""
    return "incidents" if os.path.basename(argv0) == "incidents" else "python -m incidents"


def _load(name: str):
    return importlib.import_module(f"incidents.commands.{COMMANDS[name]}")


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: sys.argv[1:]), run the chosen command, return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog=program_name(sys.argv[0]), description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    for name in COMMANDS:
        if chosen is not None and name != chosen:
            sub.add_parser(name)
            continue
        try:
            module = _load(name)
        except ModuleNotFoundError as exc:
            if exc.name != f"incidents.commands.{COMMANDS[name]}":
                raise  # a dependency is missing: say so instead of hiding the command
            continue  # command not available in this checkout
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.configure(p)
        p.set_defaults(_module=module)
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    return int(args._module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
