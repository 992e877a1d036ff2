-- Stop-flag lifecycle (ADR 023): evidence, start date, review date, crisis end; a
-- mental-health crisis breathing space type.

-- AlterEnum
ALTER TYPE "StopFlagType" ADD VALUE 'mental_health_crisis';

-- AlterTable
ALTER TABLE "stop_flags" ADD COLUMN     "crisis_ended_on" DATE,
ADD COLUMN     "evidence" TEXT,
ADD COLUMN     "evidence_reference" TEXT,
ADD COLUMN     "review_at" TIMESTAMPTZ(3),
ADD COLUMN     "starts_on" DATE;

-- Backfill: every flag starts on the customer's calendar day it was recorded, and a breathing
-- space recorded before this migration (with no expiry: the unlawful state) gets the rule's
-- expiry, as domain flagTerms computes it: the start of the customer's day start + 60.
UPDATE "stop_flags" f
SET "starts_on" = (f."set_at" AT TIME ZONE d."time_zone")::date
FROM "debtors" d
WHERE d."id" = f."debtor_id" AND f."starts_on" IS NULL;

UPDATE "stop_flags" f
SET "expires_at" = ((f."starts_on" + 60)::timestamp AT TIME ZONE d."time_zone")
FROM "debtors" d
WHERE d."id" = f."debtor_id" AND f."type" = 'breathing_space' AND f."expires_at" IS NULL;
