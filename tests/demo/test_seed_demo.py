import pytest
from django.core.management import call_command

from backend.accounts.models import Organisation, User
from backend.core.demo_data import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_logins_work(client):
    call_command("seed_demo")
    users, organisations = User.objects.count(), Organisation.objects.count()
    call_command("seed_demo")
    assert (User.objects.count(), Organisation.objects.count()) == (users, organisations)
    assert client.login(username="amina@pathways.demo", password=DEMO_PASSWORD)
    assert Organisation.objects.filter(verified=True).count() == 3
