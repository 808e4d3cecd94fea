"""Command-line subcommands of ``python -m incidents``.

Each module here defines ``HELP`` (one line), ``configure(parser)`` to add its arguments and
``run(args) -> int`` returning the exit code. ``incidents/__main__.py`` maps names to modules.
"""
