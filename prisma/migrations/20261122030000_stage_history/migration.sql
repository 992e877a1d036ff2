-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('pre_due', 'm1', 'm2', 'm3', 'm4_plus');

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "recorded_stage" "Stage";

-- AlterTable
ALTER TABLE "contact_attempts" ADD COLUMN     "stage" "Stage";

-- CreateTable
CREATE TABLE "stage_transitions" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "from_stage" "Stage",
    "to_stage" "Stage" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stage_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stage_transitions_account_id_at_idx" ON "stage_transitions"("account_id", "at");

-- CreateIndex
CREATE INDEX "stage_transitions_at_idx" ON "stage_transitions"("at");

-- CreateIndex
CREATE INDEX "contact_attempts_script_version_id_started_at_idx" ON "contact_attempts"("script_version_id", "started_at");

-- AddForeignKey
ALTER TABLE "stage_transitions" ADD CONSTRAINT "stage_transitions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

