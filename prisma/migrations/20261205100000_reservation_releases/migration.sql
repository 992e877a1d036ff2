-- Reservations given back or skipped with a reason (issue 14, ADR 032): the queue leaves the account
-- out of that collector's queue until hidden_until.
-- CreateTable
CREATE TABLE "reservation_releases" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "collector_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "released_at" TIMESTAMPTZ(3) NOT NULL,
    "hidden_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reservation_releases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reservation_releases_collector_id_hidden_until_idx" ON "reservation_releases"("collector_id", "hidden_until");

-- CreateIndex
CREATE INDEX "reservation_releases_account_id_idx" ON "reservation_releases"("account_id");

-- AddForeignKey
ALTER TABLE "reservation_releases" ADD CONSTRAINT "reservation_releases_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservation_releases" ADD CONSTRAINT "reservation_releases_collector_id_fkey" FOREIGN KEY ("collector_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
