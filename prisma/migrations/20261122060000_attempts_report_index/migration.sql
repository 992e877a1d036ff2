-- DropIndex
DROP INDEX "contact_attempts_started_at_idx";

-- CreateIndex
CREATE INDEX "contact_attempts_started_at_collector_id_party_reached_stag_idx" ON "contact_attempts"("started_at", "collector_id", "party_reached", "stage", "script_version_id");

