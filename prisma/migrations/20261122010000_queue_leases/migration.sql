-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "lease_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "leased_by_id" UUID;

-- AlterTable
ALTER TABLE "contact_attempts" ADD COLUMN     "claimed_payment" JSONB,
ADD COLUMN     "customer_requested" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "accounts_leased_by_id_idx" ON "accounts"("leased_by_id");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_leased_by_id_fkey" FOREIGN KEY ("leased_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

