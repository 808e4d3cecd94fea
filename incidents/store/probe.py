"""``python -m incidents.store.probe``: open the tables as the dashboard does and say whether it could.

Opens ``Store.open()`` where the pages do (INCIDENTS_DB, else ``[connections.incidents] url`` of
.streamlit/secrets.toml in the home or the working folder, else the CSV files of INCIDENTS_DATA_DIR or
data/, through the cached database, so after the dashboard's warm-up this takes about a second) and prints one line: ``ok: 16 incidents, 6 articles,
0 problems`` (exit status 0), or ``the incident tables cannot be opened: <why>`` (exit status 1).
``python -m incidents serve`` runs it after its warm-up, whose own check cannot tell: a page that
shows the error box has still run without an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def probe() -> tuple[bool, str]:
    """(True, counts) when the tables open, else (False, the StoreError's message)."""
    from incidents.filters import Filters
    from incidents.store.engines import secrets_url
    from incidents.store.store import Store, StoreError

    url = os.environ.get("INCIDENTS_DB", "").strip() or secrets_url([Path.home(), Path.cwd()])
    try:
        store = Store.open(url=url)
    except StoreError as exc:
        return False, " ".join(f"the incident tables cannot be opened: {exc}".split())
    every = Filters(governorates=None, countries=())
    problems = store.run("load_problems", limit=0)["total"]
    return True, (f"ok: {store.run('count', every):,} incidents, {len(store.run('articles')):,} articles, "
                  f"{problems:,} problem{'s' if problems != 1 else ''} in the files")


def main() -> int:
    """Print ``probe()``'s line; 0 when the tables open, 1 when not."""
    ok, line = probe()
    print(line, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
