from django import template

register = template.Library()


@register.filter
def figure(cell: dict) -> str:  # type: ignore[type-arg]
    """A published figure, or "<5" where it is suppressed."""
    if cell["suppressed"]:
        return "<5"
    return "—" if cell["value"] is None else str(cell["value"])
