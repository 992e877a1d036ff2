-- Reads of personal data are audited too (ADR 011): one row per request, with every account
-- whose customer data it returned, and why (the purpose).

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "account_ids" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "purpose" TEXT;

-- CreateIndex
CREATE INDEX "audit_events_account_ids_idx" ON "audit_events" USING GIN ("account_ids");

-- CreateIndex
CREATE INDEX "audit_events_at_id_idx" ON "audit_events"("at", "id");

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- CreateIndex
CREATE INDEX "audit_events_request_id_idx" ON "audit_events"("request_id");
