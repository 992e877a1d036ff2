-- Roll rates' per-account monthly stage snapshot (issue 16, ADR 055).

-- CreateTable
CREATE TABLE "stage_months" (
    "month" DATE NOT NULL,
    "account_id" UUID NOT NULL,
    "start_stage" "Stage",
    "end_stage" "Stage" NOT NULL,

    CONSTRAINT "stage_months_pkey" PRIMARY KEY ("month","account_id")
);

-- CreateTable
CREATE TABLE "stage_months_ready" (
    "month" DATE NOT NULL,
    "filled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_months_ready_pkey" PRIMARY KEY ("month")
);

-- Any change to the stage history (the stage job only appends at "now"; a backfill, a fix or a
-- test may write any instant) makes every month it can touch not ready: a transition at X decides
-- the end stage of every month ending after X (at < next month) and so both stages of every later
-- month. Months are calendar months in the session's TimeZone, the same comparison the roll-rate
-- queries make (date against timestamptz). One statement per write statement (transition
-- tables), however many rows it writes.
CREATE FUNCTION stage_months_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_at timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(at) INTO first_at FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(at) INTO first_at FROM old_rows;
  ELSE
    SELECT least((SELECT min(at) FROM old_rows), (SELECT min(at) FROM new_rows)) INTO first_at;
  END IF;
  IF first_at IS NOT NULL THEN
    DELETE FROM stage_months_ready
    WHERE (month + interval '1 month')::date > first_at;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stage_months_on_insert AFTER INSERT ON stage_transitions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_months_invalidate();
CREATE TRIGGER stage_months_on_update AFTER UPDATE ON stage_transitions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_months_invalidate();
CREATE TRIGGER stage_months_on_delete AFTER DELETE ON stage_transitions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_months_invalidate();
-- TRUNCATE cannot carry transition tables: every month.
CREATE FUNCTION stage_months_invalidate_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stage_months_ready;
  RETURN NULL;
END $$;
CREATE TRIGGER stage_months_on_truncate AFTER TRUNCATE ON stage_transitions
  FOR EACH STATEMENT EXECUTE FUNCTION stage_months_invalidate_all();
