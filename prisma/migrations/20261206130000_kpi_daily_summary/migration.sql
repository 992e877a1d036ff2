-- The KPI report's daily summary (issue 16, ADR 045).

-- CreateTable
CREATE TABLE "kpi_daily" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "collector_id" UUID,
    "stage" "Stage",
    "script_version_id" UUID,
    "currency" CHAR(3),
    "attempts" BIGINT NOT NULL DEFAULT 0,
    "contacts" BIGINT NOT NULL DEFAULT 0,
    "rpc" BIGINT NOT NULL DEFAULT 0,
    "made" BIGINT NOT NULL DEFAULT 0,
    "due" BIGINT NOT NULL DEFAULT 0,
    "kept" BIGINT NOT NULL DEFAULT 0,
    "partly" BIGINT NOT NULL DEFAULT 0,
    "broken" BIGINT NOT NULL DEFAULT 0,
    "pending_due" BIGINT NOT NULL DEFAULT 0,
    "made_amount" BIGINT NOT NULL DEFAULT 0,
    "kept_amount" BIGINT NOT NULL DEFAULT 0,
    "partly_amount" BIGINT NOT NULL DEFAULT 0,
    "broken_amount" BIGINT NOT NULL DEFAULT 0,
    "resolved_amount" BIGINT NOT NULL DEFAULT 0,
    "resolved_paid" BIGINT NOT NULL DEFAULT 0,
    "collected" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_daily_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_days" (
    "zone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_days_pkey" PRIMARY KEY ("zone","day")
);

-- CreateTable
CREATE TABLE "kpi_dirty_days" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_dirty_days_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kpi_daily_zone_day_idx" ON "kpi_daily"("zone", "day");

-- CreateIndex
CREATE INDEX "kpi_dirty_days_day_idx" ON "kpi_dirty_days"("day");


-- kpi_daily added up over stage and script version (the report by collector, team, day, week).
CREATE TABLE "kpi_daily_collector" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "collector_id" UUID,
    "currency" CHAR(3),
    "attempts" BIGINT NOT NULL DEFAULT 0,
    "contacts" BIGINT NOT NULL DEFAULT 0,
    "rpc" BIGINT NOT NULL DEFAULT 0,
    "made" BIGINT NOT NULL DEFAULT 0,
    "due" BIGINT NOT NULL DEFAULT 0,
    "kept" BIGINT NOT NULL DEFAULT 0,
    "partly" BIGINT NOT NULL DEFAULT 0,
    "broken" BIGINT NOT NULL DEFAULT 0,
    "pending_due" BIGINT NOT NULL DEFAULT 0,
    "made_amount" BIGINT NOT NULL DEFAULT 0,
    "kept_amount" BIGINT NOT NULL DEFAULT 0,
    "partly_amount" BIGINT NOT NULL DEFAULT 0,
    "broken_amount" BIGINT NOT NULL DEFAULT 0,
    "resolved_amount" BIGINT NOT NULL DEFAULT 0,
    "resolved_paid" BIGINT NOT NULL DEFAULT 0,
    "collected" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_daily_collector_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kpi_daily_collector_zone_day_idx" ON "kpi_daily_collector"("zone", "day");

-- Change marks: after any statement that changes a fact of the KPI report, the days it falls on are
-- appended to kpi_dirty_days (statement-level triggers over transition tables: one INSERT per
-- statement whatever its row count; append-only, so concurrent events never wait on each other).
-- An instant's local day in any zone (UTC-12..UTC+14) is its UTC date, the day before or the day after.
CREATE FUNCTION kpi_mark_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (n.started_at AT TIME ZONE 'UTC')::date + s FROM kpi_new n, generate_series(-1, 1) s;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (o.started_at AT TIME ZONE 'UTC')::date + s FROM kpi_old o, generate_series(-1, 1) s;
  ELSE
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (t AT TIME ZONE 'UTC')::date + s
    FROM kpi_old o JOIN kpi_new n ON n.id = o.id,
         LATERAL (VALUES (o.started_at), (n.started_at)) v(t), generate_series(-1, 1) s
    WHERE (o.started_at, o.collector_id, o.stage, o.script_version_id, o.party_reached)
          IS DISTINCT FROM (n.started_at, n.collector_id, n.stage, n.script_version_id, n.party_reached);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION kpi_mark_promises() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT (n.created_at AT TIME ZONE 'UTC')::date + s FROM kpi_new n, generate_series(-1, 1) s
    UNION SELECT n.due_date FROM kpi_new n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT (o.created_at AT TIME ZONE 'UTC')::date + s FROM kpi_old o, generate_series(-1, 1) s
    UNION SELECT o.due_date FROM kpi_old o;
  ELSE
    WITH changed AS (
      SELECT o.created_at AS old_created, n.created_at AS new_created, o.due_date AS old_due, n.due_date AS new_due
      FROM kpi_old o JOIN kpi_new n ON n.id = o.id
      WHERE (o.created_at, o.created_by_id, o.stage, o.script_version_id, o.currency, o.amount_minor, o.due_date, o.status, o.paid_minor)
            IS DISTINCT FROM (n.created_at, n.created_by_id, n.stage, n.script_version_id, n.currency, n.amount_minor, n.due_date, n.status, n.paid_minor))
    INSERT INTO kpi_dirty_days (day)
    SELECT (t AT TIME ZONE 'UTC')::date + s FROM changed, LATERAL (VALUES (old_created), (new_created)) v(t), generate_series(-1, 1) s
    UNION SELECT old_due FROM changed UNION SELECT new_due FROM changed;
  END IF;
  RETURN NULL;
END $$;

-- A payment counts on its own day; a reversal takes the payment it reverses out of that payment's day.
CREATE FUNCTION kpi_mark_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (t AT TIME ZONE 'UTC')::date + s
    FROM kpi_new n LEFT JOIN payments r ON r.id = n.reversal_of_id,
         LATERAL (VALUES (n.paid_at), (r.paid_at)) v(t), generate_series(-1, 1) s
    WHERE t IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (t AT TIME ZONE 'UTC')::date + s
    FROM kpi_old o LEFT JOIN payments r ON r.id = o.reversal_of_id,
         LATERAL (VALUES (o.paid_at), (r.paid_at)) v(t), generate_series(-1, 1) s
    WHERE t IS NOT NULL;
  ELSE
    INSERT INTO kpi_dirty_days (day)
    SELECT DISTINCT (t AT TIME ZONE 'UTC')::date + s
    FROM kpi_old o JOIN kpi_new n ON n.id = o.id
         LEFT JOIN payments ro ON ro.id = o.reversal_of_id LEFT JOIN payments rn ON rn.id = n.reversal_of_id,
         LATERAL (VALUES (o.paid_at), (n.paid_at), (ro.paid_at), (rn.paid_at)) v(t), generate_series(-1, 1) s
    WHERE t IS NOT NULL
      AND (o.paid_at, o.amount_minor, o.currency, o.reversal_of_id, o.attributed_collector_id, o.attributed_stage, o.attributed_script_version_id)
          IS DISTINCT FROM (n.paid_at, n.amount_minor, n.currency, n.reversal_of_id, n.attributed_collector_id, n.attributed_stage, n.attributed_script_version_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_mark_attempts_insert AFTER INSERT ON contact_attempts
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_attempts();
CREATE TRIGGER kpi_mark_attempts_update AFTER UPDATE ON contact_attempts
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_attempts();
CREATE TRIGGER kpi_mark_attempts_delete AFTER DELETE ON contact_attempts
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_attempts();
CREATE TRIGGER kpi_mark_promises_insert AFTER INSERT ON promises
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_promises();
CREATE TRIGGER kpi_mark_promises_update AFTER UPDATE ON promises
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_promises();
CREATE TRIGGER kpi_mark_promises_delete AFTER DELETE ON promises
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_promises();
CREATE TRIGGER kpi_mark_payments_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_payments();
CREATE TRIGGER kpi_mark_payments_update AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_payments();
CREATE TRIGGER kpi_mark_payments_delete AFTER DELETE ON payments
  REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_payments();
