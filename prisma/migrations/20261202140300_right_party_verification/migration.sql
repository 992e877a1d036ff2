-- Right-party verification on the attempt (issue 13, compliance.md "Third parties"): when and how
-- the person who answered was confirmed to be the customer before any debt detail was given.

-- CreateEnum
CREATE TYPE "RightPartyMethod" AS ENUM ('name_and_date_of_birth', 'name_and_postcode');

-- AlterTable
ALTER TABLE "contact_attempts" ADD COLUMN     "right_party_method" "RightPartyMethod",
ADD COLUMN     "right_party_verified_at" TIMESTAMPTZ(3);
