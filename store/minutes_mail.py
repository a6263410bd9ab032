"""Who the minutes are sent to, and what was written and sent to each of them, status by status
(diffusé pour remarques, adopté, signé)."""

import sqlite3
from collections.abc import Iterable

from comite.kernel.i18n import _
from comite.store.audit import record
from comite.store.errors import NotFound
from comite.store.minutes_models import Channel, MinutesMessage, MinutesRecipient, MinutesStatus
from comite.store.service import Service

# The committee's members at the time of the meeting, and everyone invited to it.
_RECIPIENTS = """
    SELECT p.id, trim(p.first_name || ' ' || p.last_name) AS name, p.email, p.easy_read
    FROM people p WHERE p.id IN (
        SELECT person_id FROM invitees WHERE meeting_id = :meeting
        UNION
        SELECT person_id FROM memberships WHERE committee_id = :committee
            AND (:day IS NULL OR ((mandate_start IS NULL OR mandate_start <= :day)
                                  AND (mandate_end IS NULL OR mandate_end >= :day))))
    ORDER BY p.sort_key, p.id
"""


class MinutesMailService(Service):
    def recipients(self, meeting_id: int) -> list[MinutesRecipient]:
        """Who receives the minutes of a meeting, in the order of names.

        The committee's members on the day of the meeting — titulaires and suppléants alike,
        their mandate covering that day (every present member when no date was ever chosen):
        the minutes are the committee's record, adopted by its members at a later meeting, and
        a suppléant who did not sit still follows the committee's work. And everyone invited
        to the meeting, a guest (an expert, a médiateur) or a member who has left since: the
        minutes name them in the attendance and report what they said, so they are asked for
        their remarks too. A member who joined after the meeting is not in it: the minutes are
        not theirs to amend.
        """
        conn = self._db.connection()
        meeting = conn.execute(
            "SELECT m.committee_id, (SELECT substr(s.local_start, 1, 10) FROM slots s "
            "WHERE s.meeting_id = m.id AND s.status = 'chosen') AS day FROM meetings m "
            "WHERE m.id = ?", (meeting_id,)).fetchone()
        if meeting is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        rows = conn.execute(_RECIPIENTS, {"meeting": meeting_id,
                                          "committee": meeting["committee_id"],
                                          "day": meeting["day"]})
        return [MinutesRecipient(person_id=row["id"], name=row["name"], email=row["email"],
                                 easy_read=bool(row["easy_read"])) for row in rows]

    def messages(self, meeting_id: int) -> list[MinutesMessage]:
        """What was written to each person, one record per person and status, oldest first."""
        rows = self._db.connection().execute(
            "SELECT * FROM minutes_messages WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        return [_message(row) for row in rows]

    def record(self, meeting_id: int, messages: Iterable[MinutesMessage]) -> None:
        """Messages written to the outbox. A person written to again for the same status (an
        e-mail that never went, rewritten) keeps one record, the latest."""
        messages = list(messages)
        if not messages:
            return
        with self._db.write() as conn:
            for m in messages:
                values = (m.channel, m.file_name, m.written_at, m.sent_at, meeting_id, m.person_id,
                          m.status)
                updated = conn.execute(
                    "UPDATE minutes_messages SET channel = ?, file_name = ?, written_at = ?, "
                    "sent_at = ? WHERE meeting_id = ? AND person_id = ? AND status = ?", values)
                if not updated.rowcount:
                    conn.execute("INSERT INTO minutes_messages (channel, file_name, written_at, "
                                 "sent_at, meeting_id, person_id, status) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", values)
            record(conn, self._actor, "export", "minutes", meeting_id, ["messages"])

    def mark_sent(self, meeting_id: int, file_name: str, sent_at: str) -> None:
        """The e-mail written under `file_name` went through the server."""
        with self._db.write() as conn:
            conn.execute("UPDATE minutes_messages SET sent_at = ? WHERE meeting_id = ? AND "
                         "file_name = ? AND channel = 'email' AND sent_at IS NULL",
                         (sent_at, meeting_id, file_name))


def _message(row: sqlite3.Row) -> MinutesMessage:
    return MinutesMessage(person_id=row["person_id"], status=MinutesStatus(row["status"]),
                          channel=Channel(row["channel"]), file_name=row["file_name"],
                          written_at=row["written_at"], sent_at=row["sent_at"])
