-- The queue as data (issue 15, ADR 041): a worklist row per (collector, account), each collector's last
-- build and the epoch that makes every worklist stale at once.
-- CreateTable
CREATE TABLE "worklist" (
    "collector_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "debtor_id" UUID NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "contact_point_id" UUID,
    "callable_from" TIMESTAMPTZ(3),
    "callable_until" TIMESTAMPTZ(3),
    "blocked_reasons" JSONB NOT NULL DEFAULT '[]',
    "next_allowed_at" TIMESTAMPTZ(3),
    "closed_reasons" JSONB NOT NULL DEFAULT '[]',
    "reopens_at" TIMESTAMPTZ(3),
    "built_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worklist_pkey" PRIMARY KEY ("collector_id","account_id")
);

-- CreateTable
CREATE TABLE "worklist_builds" (
    "collector_id" UUID NOT NULL,
    "epoch" BIGINT NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL,
    "generated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worklist_builds_pkey" PRIMARY KEY ("collector_id")
);

-- CreateTable
CREATE TABLE "worklist_epoch" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "epoch" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "worklist_epoch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "worklist_collector_id_priority_idx" ON "worklist"("collector_id", "priority" DESC);

-- CreateIndex
CREATE INDEX "worklist_account_id_idx" ON "worklist"("account_id");

-- CreateIndex
CREATE INDEX "worklist_debtor_id_idx" ON "worklist"("debtor_id");

-- The one epoch row.
INSERT INTO "worklist_epoch" ("id", "epoch") VALUES (1, 0);
