"""The use cases both user interfaces call: the CLI and the TUI parse input, call one, show it.

- `reading`: dossiers, stages, provisions, concerns, the change log, as read models;
- `importing`: a file becomes one or more stages, in one transaction;
- `comparing`: align and diff stages, the multi-stage comparison grid, alignment overrides;
- `assessing`: the concern ledger's writes (assess, link, add, suggest);
- `exporting`: tables, memos and reports written to files.

Every function takes the `Engine` first and owns its transaction (via `tx`), so a caller
never holds a session; results are read models (`eu_posities.readmodels`) or the engine's
own typed results, turned into JSON only at the edge.
"""
