-- CreateEnum
CREATE TYPE "PromiseChangeCause" AS ENUM ('payment_posted', 'payment_reversed', 'grace_expired', 'cancelled');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'service';

-- CreateTable
CREATE TABLE "promise_status_changes" (
    "id" UUID NOT NULL,
    "promise_id" UUID NOT NULL,
    "from_status" "PromiseStatus" NOT NULL,
    "to_status" "PromiseStatus" NOT NULL,
    "paid_minor" BIGINT NOT NULL,
    "cause" "PromiseChangeCause" NOT NULL,
    "payment_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promise_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "promise_status_changes_promise_id_at_idx" ON "promise_status_changes"("promise_id", "at");

-- AddForeignKey
ALTER TABLE "promise_status_changes" ADD CONSTRAINT "promise_status_changes_promise_id_fkey" FOREIGN KEY ("promise_id") REFERENCES "promises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

