-- CreateEnum
CREATE TYPE "PromiseChangeCause" AS ENUM ('payment_posted', 'payment_reversed', 'grace_expired', 'cancelled');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('open', 'matched', 'cancelled');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'service';

-- CreateTable
CREATE TABLE "verification_tasks" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "contact_attempt_id" UUID,
    "claimed_paid_on" DATE NOT NULL,
    "claimed_amount_minor" BIGINT NOT NULL,
    "claimed_channel" TEXT NOT NULL,
    "claimed_reference" TEXT,
    "status" "VerificationStatus" NOT NULL DEFAULT 'open',
    "matched_payment_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "verification_tasks_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "verification_tasks_account_id_status_idx" ON "verification_tasks"("account_id", "status");

-- CreateIndex
CREATE INDEX "promise_status_changes_promise_id_at_idx" ON "promise_status_changes"("promise_id", "at");

-- AddForeignKey
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promise_status_changes" ADD CONSTRAINT "promise_status_changes_promise_id_fkey" FOREIGN KEY ("promise_id") REFERENCES "promises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

