-- ADR 009: account figures follow from the creditor's baseline and the payments recorded since.
-- Existing figures become the baseline (they already include every payment recorded so far).
ALTER TABLE "accounts" ADD COLUMN "balance_baseline_minor" BIGINT,
                       ADD COLUMN "overdue_baseline_minor" BIGINT,
                       ADD COLUMN "paid_since_baseline_minor" BIGINT NOT NULL DEFAULT 0;
UPDATE "accounts" SET "balance_baseline_minor" = "balance_minor", "overdue_baseline_minor" = "overdue_minor";
ALTER TABLE "accounts" ALTER COLUMN "balance_baseline_minor" SET NOT NULL,
                       ALTER COLUMN "overdue_baseline_minor" SET NOT NULL;

-- An Idempotency-Key replays only the request it was first used with.
ALTER TABLE "contact_attempts" ADD COLUMN "idempotency_fingerprint" TEXT;
