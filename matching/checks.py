"""System checks for matching: settings that would make every recompute fail.

A recompute that raises is logged and swallowed by the hooks (her edit must not become a 500),
so a wrong setting would otherwise show only as matches that never change.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from matching.engine.encoder import COMBINED, MINILM, USEM3

KNOWN_ENCODERS = (MINILM, USEM3, COMBINED)


@register()
def check_embedding_model(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """EMBEDDING_MODEL must name a known encoder and the one the scoring weights were fitted in."""
    from matching import ranking
    from matching.engine.scoring import load_scorer

    configured = str(getattr(settings, "EMBEDDING_MODEL", "default") or "default").strip().lower()
    path = ranking.weights_path()
    try:
        fitted = str(load_scorer(path).encoder)
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        return [
            Error(
                f"The matching weights file cannot be read: {exc}",
                hint="Point MATCHING_WEIGHTS_PATH at a file written by `manage.py fit_weights`, "
                "or leave it empty for the shipped weights.",
                obj=path or "matching/engine/weights.json",
                id="matching.E002",
            )
        ]
    if configured == "default":
        return []
    if configured not in KNOWN_ENCODERS:
        return [
            Error(
                f"EMBEDDING_MODEL={configured!r} is not a known encoder.",
                hint=f"Use one of {', '.join(KNOWN_ENCODERS)}, or 'default' for the encoder the "
                f"weights were fitted with ({fitted}).",
                id="matching.E001",
            )
        ]
    if configured != fitted:
        return [
            Error(
                f"EMBEDDING_MODEL={configured!r} but the matching weights were fitted with "
                f"encoder {fitted!r}: every recompute would fail.",
                hint=f"Set EMBEDDING_MODEL to 'default' (or {fitted!r}), or refit the weights "
                f"for {configured!r} with `manage.py fit_weights` and point "
                "MATCHING_WEIGHTS_PATH at the result.",
                obj=path or "matching/engine/weights.json",
                id="matching.E003",
            )
        ]
    return []
