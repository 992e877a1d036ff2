-- The KPI report's monthly roll-up (issue 16, ADR 051).

-- CreateTable
CREATE TABLE "kpi_monthly" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "collector_id" UUID,
    "stage" "Stage",
    "script_version_id" UUID,
    "currency" CHAR(3),
    "days" BIGINT NOT NULL DEFAULT 0,
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

    CONSTRAINT "kpi_monthly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_monthly_collector" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "collector_id" UUID,
    "currency" CHAR(3),
    "days" BIGINT NOT NULL DEFAULT 0,
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

    CONSTRAINT "kpi_monthly_collector_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kpi_monthly_zone_month_idx" ON "kpi_monthly"("zone", "month");

-- CreateIndex
CREATE INDEX "kpi_monthly_collector_zone_month_idx" ON "kpi_monthly_collector"("zone", "month");


-- The roll-up of what the daily summary already holds (kept from here on by the refresh).
INSERT INTO kpi_monthly (zone, month, collector_id, stage, script_version_id, currency, days, attempts, contacts, rpc, made, due, kept, partly, broken, pending_due, made_amount, kept_amount, partly_amount, broken_amount, resolved_amount, resolved_paid, collected)
SELECT zone, date_trunc('month', day)::date, collector_id, stage, script_version_id, currency, count(*),
       sum(attempts), sum(contacts), sum(rpc), sum(made), sum(due), sum(kept), sum(partly), sum(broken), sum(pending_due),
       sum(made_amount), sum(kept_amount), sum(partly_amount), sum(broken_amount), sum(resolved_amount), sum(resolved_paid), sum(collected)
FROM kpi_daily GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO kpi_monthly_collector (zone, month, collector_id, currency, days, attempts, contacts, rpc, made, due, kept, partly, broken, pending_due, made_amount, kept_amount, partly_amount, broken_amount, resolved_amount, resolved_paid, collected)
SELECT zone, date_trunc('month', day)::date, collector_id, currency, count(*),
       sum(attempts), sum(contacts), sum(rpc), sum(made), sum(due), sum(kept), sum(partly), sum(broken), sum(pending_due),
       sum(made_amount), sum(kept_amount), sum(partly_amount), sum(broken_amount), sum(resolved_amount), sum(resolved_paid), sum(collected)
FROM kpi_daily_collector GROUP BY 1, 2, 3, 4;
