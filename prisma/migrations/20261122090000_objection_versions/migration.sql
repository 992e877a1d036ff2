-- AlterTable
ALTER TABLE "objection_answers" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "objection_answer_versions" (
    "id" UUID NOT NULL,
    "objection_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "customer_says" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "stages" TEXT[],
    "active" BOOLEAN NOT NULL,
    "findings" INTEGER NOT NULL DEFAULT 0,
    "justification" TEXT,
    "restored_from" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objection_answer_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "objection_answer_versions_objection_id_version_key" ON "objection_answer_versions"("objection_id", "version");

-- AddForeignKey
ALTER TABLE "objection_answer_versions" ADD CONSTRAINT "objection_answer_versions_objection_id_fkey" FOREIGN KEY ("objection_id") REFERENCES "objection_answers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objection_answer_versions" ADD CONSTRAINT "objection_answer_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: each existing answer's current content becomes its version 1 (earlier in-place
-- edits left only audit events, no content to recover).
INSERT INTO "objection_answer_versions" ("id", "objection_id", "version", "category", "locale", "customer_says", "answer", "stages", "active", "created_at")
SELECT gen_random_uuid(), "id", 1, "category", "locale", "customer_says", "answer", "stages", "active", "created_at" FROM "objection_answers";
