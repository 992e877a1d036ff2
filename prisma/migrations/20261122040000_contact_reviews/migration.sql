-- CreateTable
CREATE TABLE "contact_reviews" (
    "id" UUID NOT NULL,
    "contact_attempt_id" UUID NOT NULL,
    "reviewer_id" UUID NOT NULL,
    "identified_self_and_creditor" BOOLEAN NOT NULL,
    "verified_right_party" BOOLEAN NOT NULL,
    "disclosure_given" BOOLEAN NOT NULL,
    "no_prohibited_language" BOOLEAN NOT NULL,
    "clear_summary" BOOLEAN NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "coaching" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "contact_reviews_contact_attempt_id_key" ON "contact_reviews"("contact_attempt_id");

-- CreateIndex
CREATE INDEX "contact_reviews_reviewer_id_idx" ON "contact_reviews"("reviewer_id");

-- AddForeignKey
ALTER TABLE "contact_reviews" ADD CONSTRAINT "contact_reviews_contact_attempt_id_fkey" FOREIGN KEY ("contact_attempt_id") REFERENCES "contact_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

