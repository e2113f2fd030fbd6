"""Small-cell suppression for published tables: no figure may single out fewer than 5 women.

Plain Python so it can be tested alone. Rules, applied until nothing changes:
1. primary: a count of 1-4 women is hidden (0 is published: it names nobody);
2. rows of nested counts (a funnel): any two published figures in a row must differ by 0 or at
   least 5, otherwise the smaller one is hidden, so no subtraction along the row yields 1-4;
3. columns that add up to a total row: a column with a published total must hide none or at
   least two cells, and the hidden cells together must be 0 or at least 5 (complementary
   suppression: else the next smallest published cell is hidden too); a hidden total with
   every cell published would be recomputable, so its smallest cell is hidden.
This is a conservative heuristic for the small tables Pathways publishes, not a full
linear-programming audit of every combination of exports.
"""

from collections.abc import Sequence

THRESHOLD = 5


def _small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _row_pass(values: Sequence[int], hidden: set[int]) -> set[int]:
    """Columns to hide so that published figures in this row differ by 0 or >= THRESHOLD."""
    published: list[int] = []
    newly: set[int] = set()
    for col in sorted(range(len(values)), key=lambda c: (-values[c], c)):
        if col in hidden:
            continue
        if any(_small(abs(p - values[col])) for p in published):
            newly.add(col)
        else:
            published.append(values[col])
    return newly


def suppress(
    rows: Sequence[Sequence[int]],
    *,
    nested_rows: bool = False,
    total_row: bool = False,
    pre_hidden: set[tuple[int, int]] | None = None,
) -> list[list[bool]]:
    """Return a hidden-flag per cell. With total_row, the last row is the column totals.

    pre_hidden: cells another published table already hides (a shared total row), so both
    tables hide them alike.
    """
    hidden = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if _small(v)}
    hidden |= pre_hidden or set()
    body = range(len(rows) - 1) if total_row else range(len(rows))
    width = max((len(row) for row in rows), default=0)
    changed = True
    while changed:
        changed = False
        if nested_rows:
            for r, row in enumerate(rows):
                for c in _row_pass(row, {c for (rr, c) in hidden if rr == r}):
                    hidden.add((r, c))
                    changed = True
        if total_row and len(rows) > 1:
            last = len(rows) - 1
            for c in range(width):
                cells = [r for r in body if (r, c) in hidden]
                visible = [r for r in body if (r, c) not in hidden and rows[r][c] > 0]
                total_hidden = (last, c) in hidden
                hidden_sum = sum(rows[r][c] for r in cells)
                if total_hidden:
                    needs_more = not cells and bool(visible)
                else:
                    needs_more = len(cells) == 1 or _small(hidden_sum)
                if not needs_more:
                    continue
                if visible:
                    hidden.add((min(visible, key=lambda r: (rows[r][c], r)), c))
                else:
                    hidden.add((last, c))
                changed = True
    return [[(r, c) in hidden for c in range(len(row))] for r, row in enumerate(rows)]
