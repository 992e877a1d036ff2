-- CreateIndex
CREATE INDEX "promises_contact_attempt_id_idx" ON "promises"("contact_attempt_id");
