"""The one locked read that answers every question about a chat send, written as SQL.

Built through the ORM, this read (six subqueries) cost about 2.5 ms of CPU per message to construct
and compile, more than the database took to answer it; at a few hundred messages a second that was
most of a core. Table names come from the models; tests/mentoring covers every answer on SQLite and
PostgreSQL, so a renamed column fails there.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

from mentoring.models import Block, Conversation, ConversationMember, Mentorship, Message


@dataclass(frozen=True)
class SendChecks:
    last_message_id: int
    mentorship_status: str
    is_member: bool
    blocked: bool
    existing_id: int | None
    limit_reached: bool
    notify_someone: bool


@cache
def _sql(lock: bool) -> str:
    conversation = Conversation._meta.db_table
    mentorship = Mentorship._meta.db_table
    member = ConversationMember._meta.db_table
    block = Block._meta.db_table
    message = Message._meta.db_table
    # Only the models' table names are interpolated; every value is a bound parameter.
    members_of_c = f"SELECT user_id FROM {member} WHERE conversation_id = c.id"  # noqa: S608
    return f"""
        SELECT c.last_message_id, m.status,
            EXISTS(SELECT 1 FROM {member} WHERE conversation_id = c.id AND user_id = %(user)s),
            EXISTS(SELECT 1 FROM {block} b
                   WHERE (b.blocker_id = %(user)s AND b.blocked_id IN ({members_of_c}))
                      OR (b.blocked_id = %(user)s AND b.blocker_id IN ({members_of_c}))),
            (SELECT id FROM {message}
             WHERE conversation_id = c.id AND sender_id = %(user)s AND client_id = %(client_id)s),
            EXISTS(SELECT 1 FROM {message}
                   WHERE sender_id = %(user)s AND created_at > %(since)s
                   LIMIT 1 OFFSET %(skip)s),
            EXISTS(SELECT 1 FROM {member}
                   WHERE conversation_id = c.id AND user_id <> %(user)s AND connections = 0
                     AND notification_due_at IS NULL AND last_read_id >= notified_up_to)
        FROM {conversation} c JOIN {mentorship} m ON m.id = c.mentorship_id
        WHERE c.id = %(conversation)s
        {"FOR UPDATE OF c" if lock else ""}
    """  # noqa: S608


def send_checks_locked(
    *, conversation_id: int, user_id: int, client_id: str, since: datetime, limit: int
) -> SendChecks | None:
    """Lock the conversation row (where the database can) and answer, in one round trip: is she a
    member, is either side blocked, is this client_id already saved, has she sent `limit` messages
    since `since` (the limit-th one exists), and is another member away and due an email (the
    rule of services._members_to_notify, in SQL: change the two together).

    Must run inside a transaction: the lock holds until it ends.
    """
    params = {
        "user": user_id,
        "client_id": client_id,
        "since": connection.ops.adapt_datetimefield_value(since),
        "skip": max(limit - 1, 0),
        "conversation": conversation_id,
    }
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.features.has_select_for_update_of), params)
        row = cursor.fetchone()
    if row is None:
        return None
    last_id, status, is_member, blocked, existing_id, limit_reached, notify = row
    return SendChecks(
        last_message_id=last_id,
        mentorship_status=status,
        is_member=bool(is_member),
        blocked=bool(blocked),
        existing_id=existing_id,
        limit_reached=bool(limit_reached),
        notify_someone=bool(notify),
    )
