-- Promises (issue 14, ADR 027): a newer promise or an amendment supersedes a pending one; the
-- history records who changed a promise by hand and why.
-- AlterEnum
ALTER TYPE "PromiseChangeCause" ADD VALUE 'superseded';
ALTER TYPE "PromiseChangeCause" ADD VALUE 'amended';

-- AlterEnum
ALTER TYPE "PromiseStatus" ADD VALUE 'superseded';

-- AlterTable
ALTER TABLE "promise_status_changes" ADD COLUMN     "actor_id" UUID,
ADD COLUMN     "reason" TEXT;

-- AlterTable
ALTER TABLE "promises" ADD COLUMN     "superseded_by_id" UUID;

-- AddForeignKey
ALTER TABLE "promises" ADD CONSTRAINT "promises_superseded_by_id_fkey" FOREIGN KEY ("superseded_by_id") REFERENCES "promises"("id") ON DELETE SET NULL ON UPDATE CASCADE;
