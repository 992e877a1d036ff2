-- Wording with compliance findings waits for a second person's approval (ADR 021).

-- AlterEnum
ALTER TYPE "ScriptVersionStatus" ADD VALUE 'awaiting_approval';
ALTER TYPE "ScriptVersionStatus" ADD VALUE 'rejected';

-- CreateEnum
CREATE TYPE "ObjectionVersionStatus" AS ENUM ('approved', 'awaiting_approval', 'rejected');

-- AlterTable
ALTER TABLE "script_versions" ADD COLUMN     "findings" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "submitted_by_id" UUID,
ADD COLUMN     "submitted_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_by_id" UUID,
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "review_note" TEXT;

-- AlterTable
ALTER TABLE "objection_answer_versions" ADD COLUMN     "status" "ObjectionVersionStatus" NOT NULL DEFAULT 'approved',
ADD COLUMN     "reviewed_by_id" UUID,
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "review_note" TEXT;
