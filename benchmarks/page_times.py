"""Time Streamlit page scripts with AppTest: one run per filter state, one JSON line per run.

    INCIDENTS_DATA_DIR=DIR python benchmarks/page_times.py PAGE [PAGE ...] --changes JSON

PAGE: script path (relative to the repository root or absolute). JSON: a list of query
parameter dicts, e.g. ``[{"governorates": "all"}, {"event_types": "Battles"}]``. For each page
the first run has no parameters (it warms the caches: table loading, options); each later run
starts a new session with one parameter set, as a user who changes a filter, so the Store stays
loaded while every query result is new. Printed per run: page, params, seconds, exceptions.

Used by ``python -m incidents bench``; it lives here, not in incidents/, because it imports
Streamlit.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pages", nargs="+")
    p.add_argument("--changes", default="[]", help="JSON list of query-parameter dicts")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--no-warmup", action="store_true", help="skip the first run with default filters")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from streamlit.testing.v1 import AppTest

    changes = json.loads(args.changes)
    for page in args.pages:
        script = Path(page) if Path(page).is_absolute() else ROOT / page
        runs = list(enumerate([{}] + changes))
        for i, params in runs[1:] if args.no_warmup else runs:
            at = AppTest.from_file(str(script), default_timeout=args.timeout)
            for k, v in params.items():
                at.query_params[k] = v
            t0 = time.perf_counter()
            error = ""
            try:
                at.run()
            except Exception as exc:  # noqa: BLE001 - a timeout or crash is a result to report
                error = f"{type(exc).__name__}: {exc}"[:300]
            seconds = time.perf_counter() - t0
            exceptions = [str(e.value)[:200] for e in at.exception] if not error else []
            print(json.dumps({"page": page, "run": i, "params": params, "seconds": round(seconds, 4),
                              "error": error or "; ".join(exceptions)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
