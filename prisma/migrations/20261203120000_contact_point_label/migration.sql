-- Contact points added or edited by hand (issue 13, ADR 019): a collector's label, and why a
-- number was marked invalid.
-- AlterTable
ALTER TABLE "contact_points" ADD COLUMN     "label" TEXT,
ADD COLUMN     "status_reason" TEXT;
