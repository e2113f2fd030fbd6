"""Run as a process: send one chat message, and die the moment it is committed, before the broadcast.

    python -m tests.faults.crash_after_commit <user_id> <conversation_id> <client_id> <text>

os._exit skips every cleanup, as a killed process would: nothing after the commit happens.
"""

import os
import sys

CRASH_EXIT_CODE = 70


def main(user_id: int, conversation_id: int, client_id: str, text: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    django.setup()
    from backend.accounts.models import User
    from mentoring import services

    services._broadcast = lambda *args, **kwargs: os._exit(CRASH_EXIT_CODE)
    services.message_send(
        user=User.objects.get(pk=user_id),
        conversation_id=conversation_id,
        client_id=client_id,
        text=text,
    )
    sys.exit("the broadcast step was never reached")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4])
