"""The system check that catches an embedding model the scoring weights were not fitted in."""

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from matching import ranking
from matching.checks import check_embedding_model


def _ids(messages):  # type: ignore[no-untyped-def]
    return [m.id for m in messages if isinstance(m, Error)]


@pytest.fixture
def fitted():  # type: ignore[no-untyped-def]
    """The encoder the shipped weights were fitted with, and one they were not."""
    name = ranking.scorer().encoder
    return name, "usem3" if name != "usem3" else "minilm"


def test_default_model_passes(settings):
    settings.EMBEDDING_MODEL = "default"

    assert check_embedding_model() == []


def test_model_the_weights_were_fitted_with_passes(settings, fitted):
    settings.EMBEDDING_MODEL = fitted[0]

    assert check_embedding_model() == []


def test_other_model_than_the_weights_is_an_error_with_a_hint(settings, fitted):
    settings.EMBEDDING_MODEL = fitted[1]

    [error] = check_embedding_model()

    assert error.id == "matching.E003"
    assert fitted[0] in error.msg and fitted[1] in error.msg
    assert "fit_weights" in error.hint and "default" in error.hint


def test_unknown_model_is_an_error(settings):
    settings.EMBEDDING_MODEL = "bert-large"

    assert _ids(check_embedding_model()) == ["matching.E001"]


def test_unreadable_weights_file_is_an_error(settings, tmp_path):
    broken = tmp_path / "weights.json"
    broken.write_text("{not json")
    settings.MATCHING_WEIGHTS_PATH = str(broken)

    [error] = check_embedding_model()

    assert error.id == "matching.E002" and str(broken) in str(error.obj)


def test_manage_py_check_reports_the_mismatch(settings, fitted):
    settings.EMBEDDING_MODEL = fitted[1]

    with pytest.raises(SystemCheckError, match=r"matching\.E003"):
        call_command("check")
