"""The channel layer is unreachable when a message is sent: it is saved and acknowledged anyway.

Members who miss the broadcast get the message from the gap catch-up or on reconnect; what must not
happen is a sender told "something went wrong" about a message that was in fact saved.
"""

import pytest

from mentoring import services
from mentoring.models import Message
from tests.mentoring.conftest import make_pair
from tests.servers import free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def unreachable_channel_layer(settings):  # type: ignore[no-untyped-def]
    nobody = f"redis://127.0.0.1:{free_port()}/0"  # a port nothing listens on
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [nobody]},
        }
    }


def test_send_succeeds_and_saves_once_when_the_broadcast_fails(unreachable_channel_layer):
    pair = make_pair()
    message, created = services.message_send(
        user=pair.mentee, conversation_id=pair.conversation.pk, client_id="c1", text="hello"
    )
    assert created
    assert list(
        Message.objects.filter(conversation=pair.conversation).values_list("pk", flat=True)
    ) == [message.pk]
