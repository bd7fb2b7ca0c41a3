"""Background work of the opportunities domain. Thin: IDs in, one service call, idempotent.

Bound to Asar's own Celery app (not ``shared_task``), so queuing never depends on which app
happens to be "current" in the calling thread."""

from __future__ import annotations

from asar.celery import app
from asar.opportunities import services


@app.task(
    name="opportunities.send_application_notice",
    autoretry_for=(OSError,),
    max_retries=5,
    retry_backoff=True,
)
def send_application_notice(event_id: int) -> bool:
    """E-mail the volunteer about a selection decision or a waiting-list offer (sent once)."""
    return services.notice_send(event_id=event_id)


@app.task(name="opportunities.expire_offers")
def expire_offers() -> int:
    """Pass expired waiting-list offers to the next candidates."""
    return services.offers_expire()
