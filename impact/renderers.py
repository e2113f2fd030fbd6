"""CSV for the figures API: the same rows the `impact_report` command writes."""

import csv
import io
from typing import Any

from rest_framework.renderers import BaseRenderer

from impact.selectors import figures_as_csv_rows


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


class FiguresCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> str:
        if isinstance(data, dict) and "funnel_by_period" in data:
            return csv_text(figures_as_csv_rows(data))
        # Errors (400/403/404) as field,message lines.
        rows = [["field", "message"]]
        for field, messages in (data or {}).items():
            for message in messages if isinstance(messages, list) else [messages]:
                rows.append([str(field), str(message)])
        return csv_text(rows)
