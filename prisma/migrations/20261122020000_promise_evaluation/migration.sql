-- CreateEnum
CREATE TYPE "PromiseChangeCause" AS ENUM ('payment_posted', 'payment_reversed', 'grace_expired', 'cancelled');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('open', 'matched', 'cancelled');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('queued', 'sent', 'blocked', 'failed', 'cancelled');

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
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "promise_id" UUID,
    "kind" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "contact_point_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "send_after" TIMESTAMPTZ(3) NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_message_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_log" (
    "id" UUID NOT NULL,
    "outbox_id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_log_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "outbox_messages_status_send_after_idx" ON "outbox_messages"("status", "send_after");

-- CreateIndex
CREATE INDEX "outbox_messages_account_id_idx" ON "outbox_messages"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_promise_id_kind_key" ON "outbox_messages"("promise_id", "kind");

-- CreateIndex
CREATE INDEX "message_log_at_idx" ON "message_log"("at" DESC);

-- CreateIndex
CREATE INDEX "promise_status_changes_promise_id_at_idx" ON "promise_status_changes"("promise_id", "at");

-- AddForeignKey
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promise_status_changes" ADD CONSTRAINT "promise_status_changes_promise_id_fkey" FOREIGN KEY ("promise_id") REFERENCES "promises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

