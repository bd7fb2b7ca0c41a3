"""Background work of the organizations domain. Thin: IDs in, one service call, idempotent."""

from __future__ import annotations

from asar.celery import app
from asar.organizations import services


@app.task(
    name="organizations.send_verification_notice",
    autoretry_for=(OSError,),
    max_retries=5,
    retry_backoff=True,
)
def send_verification_notice(organization_id: int) -> bool:
    """Tell the organisation's owners about the front office's decision (once per decision)."""
    return services.verification_notice_send(organization_id=organization_id)
