"""A Celery task that fails is retried and its side effect happens once.

The selection e-mail (opportunities.send_application_notice, autoretry on OSError) goes to a
real SMTP server on loopback that answers the first connection with "421 try again later" —
what a busy mail server does — and accepts the next. Celery runs eagerly (retries re-run at
once, in this thread); the broker round trip itself is covered in
tests/opportunities/test_concurrency_and_tasks.py."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from asar.opportunities import services
from asar.opportunities.models import ApplicationEvent
from asar.opportunities.tasks import send_application_notice
from tests import factories as f
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db


@dataclass
class Mailbox:
    refuse_first: int = 1
    connections: int = 0
    messages: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    server: _SMTPServer

    def _send(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        box = self.server.mailbox
        with box.lock:
            box.connections += 1
            refuse = box.connections <= box.refuse_first
        if refuse:
            self._send("421 4.3.2 Service busy, try again later")
            return
        self._send("220 test.asar.kz ESMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._send("250 test.asar.kz")
            elif command.startswith(("MAIL FROM", "RCPT TO", "RSET", "NOOP")):
                self._send("250 OK")
            elif command == "DATA":
                self._send("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                with box.lock:
                    box.messages.append(data)
                self._send("250 OK queued")
            elif command == "QUIT":
                self._send("221 Bye")
                return
            else:
                self._send("502 Command not implemented")


class _SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


@pytest.fixture
def smtp(settings) -> Iterator[Mailbox]:  # type: ignore[no-untyped-def]
    server = _SMTPServer(("127.0.0.1", 0), _SMTPHandler)
    server.mailbox = Mailbox()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    # As a worker does: a failure is the task's state (and a retry), not raised at the caller.
    settings.CELERY_TASK_EAGER_PROPAGATES = False
    try:
        yield server.mailbox
    finally:
        server.shutdown()
        server.server_close()


def _accept(actors) -> ApplicationEvent:  # type: ignore[no-untyped-def]
    actors.volunteer.preferred_language = "en"
    actors.volunteer.save()
    position = f.PositionFactory(project=f.ProjectFactory(organization=actors.org))
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    return ApplicationEvent.objects.filter(application=app).latest("pk")


def test_transient_smtp_failure_is_retried_and_the_mail_sent_once(
    actors, smtp: Mailbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    # The real path: the decision commits, on_commit queues the task, the task sends.
    with django_capture_on_commit_callbacks(execute=True):
        event = _accept(actors)
    assert smtp.connections == 2  # refused once (421), retried, accepted
    assert len(smtp.messages) == 1
    assert b"volunteer@example.kz" in smtp.messages[0]
    event.refresh_from_db()
    assert event.notified_at is not None

    # At-least-once delivery: the same message handled again sends nothing more.
    result = send_application_notice.apply(args=[event.pk])
    assert result.get() is False
    assert len(smtp.messages) == 1


def test_a_failed_attempt_leaves_the_event_unsent_for_the_retry(actors, smtp: Mailbox) -> None:  # type: ignore[no-untyped-def]
    """The attempt that fails records nothing, so the retry is not mistaken for a duplicate."""
    smtp.refuse_first = 100  # the server stays busy through every retry
    event = _accept(actors)
    result = send_application_notice.apply(args=[event.pk])
    assert result.failed()
    assert isinstance(result.result, OSError)
    retries = send_application_notice.max_retries
    assert smtp.connections == 1 + retries  # the first attempt and every retry
    event.refresh_from_db()
    assert event.notified_at is None
    assert smtp.messages == []

    smtp.refuse_first = 0  # the server is back: a later run sends it, once
    assert send_application_notice.apply(args=[event.pk]).get() is True
    assert send_application_notice.apply(args=[event.pk]).get() is False
    assert len(smtp.messages) == 1
