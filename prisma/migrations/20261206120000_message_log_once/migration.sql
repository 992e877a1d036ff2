-- One delivery per outbox message in the local sender's log, whatever the number of senders
-- (ADR 043). Two senders racing past the old "insert unless one exists" could both insert; keep
-- the first delivery of each outbox message, then let the index refuse any second one.
DELETE FROM "message_log" later
USING "message_log" earlier
WHERE later."outbox_id" = earlier."outbox_id"
  AND (later."at", later."id") > (earlier."at", earlier."id");

-- CreateIndex
CREATE UNIQUE INDEX "message_log_outbox_id_key" ON "message_log"("outbox_id");
