"""Exit codes, the same for every command (documented in the README).

0  OK        done (warnings allowed, unless `generate --strict`)
1  FAILED    bad input or a failure: an unknown version, a missing or malformed file, a document
             with errors (unreadable, invalid, cannot be generated), no workspace, a sha256
             mismatch, a failed sync or build; one message on stderr, nothing half-written
2  USAGE     the command line does not parse (click): an unknown option, a missing argument, a
             value outside an option's choices, a path argument that does not exist
3  FAIL_ON   a `--fail-on` threshold was reached (diff, report, upgrade-check, release)
"""

from __future__ import annotations

OK = 0
FAILED = 1
USAGE = 2
FAIL_ON = 3
