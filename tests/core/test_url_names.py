from collections import Counter

from django.urls import URLPattern, URLResolver, get_resolver


def _routes(patterns, namespace=""):  # type: ignore[no-untyped-def]
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def _is_format_suffix(pattern: str) -> bool:
    # DRF's routers add a ".json"-style twin of every route under the same name, on purpose.
    return "(?P<format>" in pattern or "drf_format_suffix" in pattern


def test_no_two_routes_share_a_name():
    """A shared name makes {% url %} silently link to whichever route Django finds first."""
    counts = Counter(
        name
        for name, pattern in _routes(get_resolver().url_patterns)
        if not _is_format_suffix(pattern) and name != "api-root"
    )
    assert {name for name, count in counts.items() if count > 1} == set()
