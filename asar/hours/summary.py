"""The ledger's materialised aggregates on PostgreSQL: ``hours_monthlytotal`` and
``hours_volunteermonth`` (models ``MonthlyTotal`` and ``VolunteerMonth``).

A row trigger on ``hours_hourentry`` applies every change of a counted entry (confirmed or
self-reported) to both tables in the same transaction, so a report read after a commit sees
exactly the ledger; a statement trigger empties them when the ledger is truncated. Pending and
rejected entries never count, so the volunteers' own logging (pending) does not touch them;
confirming does. National and regional aggregates then read a few thousand summary rows
instead of millions of entries (see bench/README.md).

``REBUILD_SQL`` recomputes both tables from the ledger (the migration's backfill; the scale
generator, which loads entries with the trigger disabled).
"""

from __future__ import annotations

from django.db import connection

CREATE_SQL = """
CREATE TABLE hours_monthlytotal (
    id bigserial PRIMARY KEY,
    month date NOT NULL,
    status varchar(16) NOT NULL,
    region_id bigint NOT NULL,
    direction_id bigint NOT NULL,
    form varchar(10) NOT NULL,
    minutes bigint NOT NULL,
    entries integer NOT NULL,
    CONSTRAINT hours_monthlytotal_key UNIQUE (month, status, region_id, direction_id, form)
);
CREATE TABLE hours_volunteermonth (
    id bigserial PRIMARY KEY,
    volunteer_id bigint NOT NULL,
    month date NOT NULL,
    region_id bigint NULL,  -- NULL: the whole country (one row per volunteer and month)
    minutes bigint NOT NULL,
    entries integer NOT NULL,
    CONSTRAINT hours_volunteermonth_key UNIQUE NULLS NOT DISTINCT (volunteer_id, month, region_id)
);
CREATE INDEX hours_volunteermonth_scope ON hours_volunteermonth (region_id, month, volunteer_id)
    INCLUDE (minutes) WHERE entries > 0;

CREATE FUNCTION hours_summary_apply(e hours_hourentry, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF e.status NOT IN ('confirmed', 'self_reported') THEN
        RETURN;
    END IF;
    INSERT INTO hours_monthlytotal AS t
        (month, status, region_id, direction_id, form, minutes, entries)
    VALUES (date_trunc('month', e.date)::date, e.status, e.region_id, e.direction_id, e.form,
            sign * e.minutes, sign)
    ON CONFLICT (month, status, region_id, direction_id, form) DO UPDATE
        SET minutes = t.minutes + EXCLUDED.minutes, entries = t.entries + EXCLUDED.entries;
    INSERT INTO hours_volunteermonth AS t (volunteer_id, month, region_id, minutes, entries)
    VALUES (e.volunteer_id, date_trunc('month', e.date)::date, e.region_id,
            sign * e.minutes, sign),
           (e.volunteer_id, date_trunc('month', e.date)::date, NULL, sign * e.minutes, sign)
    ON CONFLICT (volunteer_id, month, region_id) DO UPDATE
        SET minutes = t.minutes + EXCLUDED.minutes, entries = t.entries + EXCLUDED.entries;
END $$;

CREATE FUNCTION hours_summary_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk loader switches this off for its session, then rebuilds (see set_trigger).
    IF current_setting('asar.hours_summary_paused', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM hours_summary_apply(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM hours_summary_apply(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION hours_summary_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE hours_monthlytotal, hours_volunteermonth;
    RETURN NULL;
END $$;

CREATE TRIGGER hours_summary_row
    AFTER INSERT OR DELETE OR UPDATE OF status, volunteer_id, region_id, direction_id, form,
        date, minutes
    ON hours_hourentry FOR EACH ROW EXECUTE FUNCTION hours_summary_row();
CREATE TRIGGER hours_summary_truncate
    AFTER TRUNCATE ON hours_hourentry FOR EACH STATEMENT EXECUTE FUNCTION hours_summary_truncate();
"""

REBUILD_SQL = """
TRUNCATE hours_monthlytotal, hours_volunteermonth;
INSERT INTO hours_monthlytotal (month, status, region_id, direction_id, form, minutes, entries)
    SELECT date_trunc('month', date)::date, status, region_id, direction_id, form,
           sum(minutes), count(*)
    FROM hours_hourentry WHERE status IN ('confirmed', 'self_reported')
    GROUP BY 1, 2, 3, 4, 5;
INSERT INTO hours_volunteermonth (volunteer_id, month, region_id, minutes, entries)
    SELECT volunteer_id, date_trunc('month', date)::date AS month, region_id, sum(minutes),
           count(*)
    FROM hours_hourentry WHERE status IN ('confirmed', 'self_reported')
    GROUP BY GROUPING SETS ((volunteer_id, month, region_id), (volunteer_id, month));
ANALYZE hours_monthlytotal;
ANALYZE hours_volunteermonth;
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS hours_summary_row ON hours_hourentry;
DROP TRIGGER IF EXISTS hours_summary_truncate ON hours_hourentry;
DROP FUNCTION IF EXISTS hours_summary_row();
DROP FUNCTION IF EXISTS hours_summary_truncate();
DROP FUNCTION IF EXISTS hours_summary_apply(hours_hourentry, integer);
DROP TABLE IF EXISTS hours_monthlytotal;
DROP TABLE IF EXISTS hours_volunteermonth;
"""


def available() -> bool:
    """Whether the summaries exist (PostgreSQL); elsewhere read the ledger itself."""
    return connection.vendor == "postgresql"


def rebuild() -> None:
    """Recompute both summaries from the ledger (after a bulk load with the trigger off)."""
    if not available():
        return
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_SQL)


def set_trigger(*, enabled: bool) -> None:
    """Pause the row trigger for this connection's bulk load (COPY) and resume it; call
    ``rebuild`` after. Other connections keep maintaining the summaries meanwhile."""
    if not available():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('asar.hours_summary_paused', %s, false)",
            ["off" if enabled else "on"],
        )
