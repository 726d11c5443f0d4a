"""Applying EP amendments to a base text: the Parliament's stage, with a result per amendment.

- `apply_amendments(base, amendments) -> AmendedStage`: pure; `.stage` is the EP stage
  (`ParsedStage`, deleted provisions in `struck`), `.results` one `AmendmentResult` per
  amendment (`applied`, `problem`, `to_json()` in the contract's row shape), `.summary()`.
- `check_amends_base(document, base, ...)`: refuses (`InputError`) a list that amends another
  act than `base`.
- `rebase_consolidated(base, stage)`: a consolidated EP text (one amendment restating the
  whole act) marked against its base, the text cut at each ▌ recovered from the base.
"""

from __future__ import annotations

from eu_posities.amending.apply import apply_amendments
from eu_posities.amending.results import AmendedStage, AmendmentResult

__all__ = ["AmendedStage", "AmendmentResult", "apply_amendments"]
