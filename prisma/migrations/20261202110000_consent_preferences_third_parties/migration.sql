-- AlterTable
ALTER TABLE "debtors" ADD COLUMN     "inconvenient_times" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "preferred_channel" "Channel",
ADD COLUMN     "preferred_time_end" TEXT,
ADD COLUMN     "preferred_time_start" TEXT;

-- AlterTable
ALTER TABLE "contact_points" ADD COLUMN     "opted_out_channels" "Channel"[] DEFAULT ARRAY[]::"Channel"[];

-- AlterTable
ALTER TABLE "third_parties" ADD COLUMN     "do_not_contact_at" TIMESTAMPTZ(3),
ADD COLUMN     "more_contact_requested" BOOLEAN NOT NULL DEFAULT false;

