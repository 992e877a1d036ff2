-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('open', 'verification_sent', 'closed', 'withdrawn');

-- CreateEnum
CREATE TYPE "DisputeMethod" AS ENUM ('written', 'oral');

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "document_id" UUID;

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "validation_notices" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "outbox_message_id" UUID NOT NULL,
    "locales" "Locale"[],
    "itemization_date" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_on_itemization_minor" BIGINT NOT NULL,
    "interest_since_minor" BIGINT NOT NULL,
    "fees_since_minor" BIGINT NOT NULL,
    "payments_credits_since_minor" BIGINT NOT NULL,
    "current_amount_minor" BIGINT NOT NULL,
    "validation_ends_on" DATE NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "validation_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'open',
    "method" "DisputeMethod" NOT NULL,
    "amount_minor" BIGINT,
    "currency" CHAR(3) NOT NULL,
    "description" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "timing" TEXT NOT NULL,
    "hold_basis" TEXT NOT NULL,
    "validation_notice_id" UUID,
    "stop_flag_id" UUID,
    "contact_attempt_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verification_sent_at" TIMESTAMPTZ(3),
    "verification_sent_by_id" UUID,
    "verification_summary" TEXT,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "documents_account_id_idx" ON "documents"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "validation_notices_outbox_message_id_key" ON "validation_notices"("outbox_message_id");

-- CreateIndex
CREATE INDEX "validation_notices_account_id_idx" ON "validation_notices"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "disputes_stop_flag_id_key" ON "disputes"("stop_flag_id");

-- CreateIndex
CREATE UNIQUE INDEX "disputes_contact_attempt_id_key" ON "disputes"("contact_attempt_id");

-- CreateIndex
CREATE INDEX "disputes_account_id_idx" ON "disputes"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_document_id_key" ON "outbox_messages"("document_id");

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "validation_notices" ADD CONSTRAINT "validation_notices_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "validation_notices" ADD CONSTRAINT "validation_notices_outbox_message_id_fkey" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_messages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_validation_notice_id_fkey" FOREIGN KEY ("validation_notice_id") REFERENCES "validation_notices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

