"""`upgrade-check`: which lines of a user's code break or go stale when moving to a newer version.

    Version, Version ──changes──▶ PairChanges (the `diff` engine's Changes + surface rules, indexes)
    paths ──check──▶ scan (libcst) ──▶ [Use] ──match──▶ [Finding] ──fix (libcst)──▶ render (text/json/sarif)

Modules: `names` (Python names of a package, from its IR), `surface` (rules for Python-only changes),
`changes` (the pair, its changes and `root_id`), `source` (parsing), `resolve` (what a name holds),
`uses` and `scan` (what the scanner finds), `match` (one module per kind of change), `fix`, `check`,
`render`, `cli`.
"""
