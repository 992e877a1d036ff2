-- ADR 053: a recording marks its customer's worklist rows stale in its own transaction.
-- AlterTable
ALTER TABLE "worklist" ADD COLUMN     "stale_mark" BIGINT;

-- CreateIndex
CREATE INDEX "worklist_collector_id_stale_mark_idx" ON "worklist"("collector_id", "stale_mark");
