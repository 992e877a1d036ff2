-- AlterTable
ALTER TABLE "promises" ADD COLUMN     "script_version_id" UUID,
ADD COLUMN     "stage" "Stage";

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "attributed_attempt_id" UUID,
ADD COLUMN     "attributed_collector_id" UUID,
ADD COLUMN     "attributed_script_version_id" UUID,
ADD COLUMN     "attributed_stage" "Stage";

-- CreateIndex
CREATE INDEX "promises_created_at_idx" ON "promises"("created_at");

-- CreateIndex
CREATE INDEX "payments_paid_at_idx" ON "payments"("paid_at");


-- Backfill: promises take the stage and script version of the attempt that made them.
UPDATE "promises" p SET "stage" = ca."stage", "script_version_id" = ca."script_version_id"
FROM "contact_attempts" ca WHERE ca."id" = p."contact_attempt_id";

-- Backfill: payments are credited to the last attempt on the account at or before the payment
-- (the same statement as ATTRIBUTE_PAYMENTS_SQL in prisma/src/attribution.ts, for all payments).
UPDATE "payments" pay
SET "attributed_attempt_id" = lt."id", "attributed_collector_id" = lt."collector_id",
    "attributed_stage" = lt."stage", "attributed_script_version_id" = lt."script_version_id"
FROM "payments" src
CROSS JOIN LATERAL (
  SELECT ca."id", ca."collector_id", ca."stage", ca."script_version_id" FROM "contact_attempts" ca
  WHERE ca."account_id" = src."account_id" AND ca."started_at" <= src."paid_at"
  ORDER BY ca."started_at" DESC LIMIT 1
) lt
WHERE pay."id" = src."id";
