-- DropIndex
DROP INDEX "contact_attempts_account_id_started_at_idx";

-- DropIndex
DROP INDEX "contact_attempts_collector_id_started_at_idx";

-- DropIndex
DROP INDEX "contact_attempts_started_at_collector_id_party_reached_stag_idx";

-- CreateIndex
CREATE INDEX "contact_attempts_account_id_started_at_id_idx" ON "contact_attempts"("account_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contact_attempts_collector_id_started_at_id_idx" ON "contact_attempts"("collector_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contact_attempts_started_at_id_collector_id_party_reached_s_idx" ON "contact_attempts"("started_at", "id", "collector_id", "party_reached", "stage", "script_version_id");

