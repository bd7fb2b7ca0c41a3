"""Places under real concurrency (PostgreSQL) and the notification task through a real broker."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core import mail
from django.db import connection, connections

from asar.celery import app as celery_app
from asar.opportunities import services
from asar.opportunities.models import Application, ApplicationEvent
from tests import factories as f
from tests.opportunities.factories import application

S = Application.Status


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_twenty_coordinators_accepting_at_once_fill_exactly_five_places(actors) -> None:  # type: ignore[no-untyped-def]
    position = f.PositionFactory(project=f.ProjectFactory(organization=actors.org), places=5)
    apps = [application(position) for _ in range(20)]
    barrier = threading.Barrier(len(apps))
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(app_id: int) -> None:
        try:
            barrier.wait()
            services.application_transition(
                actor=actors.coordinator, application_id=app_id, action="accept"
            )
            result = "accepted"
        except services.OpportunityError as error:
            result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(a.pk,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted"] * 5 + ["full"] * 15
    position.refresh_from_db()
    assert position.places_taken == 5
    assert Application.objects.filter(position=position, status=S.ACCEPTED).count() == 5
    assert (
        ApplicationEvent.objects.filter(
            application__position=position, to_status=S.ACCEPTED
        ).count()
        == 5
    )


def _reset_broker_state() -> None:
    """Forget connection pools and queue/routing tables built from the previous settings."""
    celery_app.close()
    celery_app.__dict__.pop("amqp", None)


@pytest.mark.django_db(transaction=True)
def test_notification_task_runs_through_the_real_redis_broker(actors, settings) -> None:  # type: ignore[no-untyped-def]
    """One real round trip: the service queues the task on commit, a Celery worker thread
    takes it from Redis and sends the e-mail (locmem backend, shared with this thread)."""
    from celery.contrib.testing.worker import start_worker

    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = {
        key: celery_app.conf.get(key)
        for key in (
            "broker_url",
            "task_always_eager",
            "result_backend",
            "broker_connection_retry_on_startup",
            "task_default_queue",
        )
    }
    celery_app.conf.update(
        broker_url="redis://127.0.0.1:6379/15",
        task_always_eager=False,
        result_backend=None,
        broker_connection_retry_on_startup=False,
        # Our own queue: other test runs may share this Redis database and its workers must
        # not take our message (nor ours theirs).
        task_default_queue=f"opportunities-test-{uuid.uuid4().hex}",
    )
    _reset_broker_state()
    try:
        position = f.PositionFactory(project=f.ProjectFactory(organization=actors.org))
        actors.volunteer.preferred_language = "en"
        actors.volunteer.save()
        app = application(position, actors.profile)
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            services.application_transition(
                actor=actors.coordinator, application_id=app.pk, action="shortlist"
            )
            deadline = time.monotonic() + 30
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.1)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["volunteer@example.kz"]
        assert mail.outbox[0].subject.startswith("You are on the shortlist")
        assert ApplicationEvent.objects.get(application=app, to_status=S.SHORTLISTED).notified_at
    finally:
        celery_app.conf.update(saved)
        _reset_broker_state()
