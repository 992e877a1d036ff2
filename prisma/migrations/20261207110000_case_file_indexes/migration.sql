-- The case file's one statement (ADR 047): the customer's latest attempts on any debt, the calls
-- made to each third party and a plan's instalments were read by scanning their whole tables.

-- CreateIndex
CREATE INDEX "contact_attempts_debtor_id_started_at_id_idx" ON "contact_attempts"("debtor_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "contact_attempts_third_party_id_idx" ON "contact_attempts"("third_party_id");

-- CreateIndex
CREATE INDEX "promises_plan_id_idx" ON "promises"("plan_id");
