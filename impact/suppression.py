"""Statistical disclosure control for published figures: no figure may single out a woman.

Plain Python so it can be tested alone. Two rules, applied to every count Pathways publishes
(women, or matches, which belong to women):
1. a count of 1-4 is hidden and shown as "<5" (0 is published: it names nobody);
2. every other count is rounded to the nearest multiple of 5.

Why rounding and not only hiding small cells: hiding alone fails across exports. A Q1 total of
19 minus a January-February total of 16 revealed a March of 3 that March's own cell hid; all
cities minus two cities revealed the third. With every published count a multiple of 5, the
difference (or sum) of any published counts, from any combination of filters, tables, CSV or
JSON, is itself a multiple of 5, so subtraction can never land on 1-4 women. This replaces the
earlier row-by-row and complementary suppression, which could not see across exports.

Figures derived from counts must not undo the rounding: shares are computed from the rounded,
published counts (so they carry no more than the counts beside them), and medians are
published only for groups of at least 5 women and always as an observed value (`median_low`).
"""

from typing import Any

THRESHOLD = 5
BASE = 5


def hidden(value: int) -> bool:
    """True for a count of 1-4: too few to publish."""
    return 0 < value < THRESHOLD


def rounded(value: int) -> int:
    """The nearest multiple of BASE (half up, though counts never sit exactly half-way)."""
    return BASE * ((value + BASE // 2) // BASE)


def publish(value: int) -> dict[str, Any]:
    """A published cell: the rounded count, or suppressed ("<5")."""
    if hidden(value):
        return {"value": None, "suppressed": True}
    return {"value": rounded(value), "suppressed": False}


def share(part: dict[str, Any], whole: dict[str, Any]) -> dict[str, Any]:
    """A percentage of two published cells, from their rounded values only.

    Hidden when either side is hidden, empty (None) when the whole is 0.
    """
    if part["suppressed"] or whole["suppressed"]:
        return {"value": None, "suppressed": True}
    if not whole["value"]:
        return {"value": None, "suppressed": False}
    return {"value": round(100 * part["value"] / whole["value"]), "suppressed": False}
