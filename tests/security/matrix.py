"""The URL conf walked into cells: (rule key, a concrete path) for every route Pathways serves."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # "api:<name>" for API routes, "<name>" for pages, "admin" for the admin site
    pattern: str


def routes() -> Iterator[Route]:
    """Every named route once (DRF's format-suffix twins share their view and their rule)."""
    seen: set[str] = set()

    def walk(resolver: URLResolver, prefix: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    yield Route("admin", text)
                    continue
                yield from walk(entry, text)
                continue
            assert isinstance(entry, URLPattern)
            if "format" in entry.pattern.regex.groupindex:
                continue
            if entry.name is None:
                raise AssertionError(f"unnamed route {text}: name it so it can have a rule")
            key = f"api:{entry.name}" if text.startswith("api/") else entry.name
            if key in seen:
                continue
            seen.add(key)
            yield Route(key, text)

    yield from walk(get_resolver(), "")


@dataclass(frozen=True)
class Rule:
    """What each role gets on one route: an int for every object, or (own object, another's)."""

    path: str  # a path template: "{pk}" is filled with the own or the other object's id
    expect: dict[str, int | tuple[int, int]]
    kind: str | None = None  # the world's object kind behind {pk}
    method: str = "get"
    data: dict[str, object] = field(default_factory=dict)
