-- Issue 13, ADR 019: a contact point's possible zones and where they came from, and the parts of
-- an address that say where it is.

-- CreateEnum
CREATE TYPE "ZoneSource" AS ENUM ('number', 'address', 'customer', 'collector');

-- AlterTable
ALTER TABLE "contact_points"
ADD COLUMN     "country" CHAR(2),
ADD COLUMN     "postal_code" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "time_zones" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "zone_source" "ZoneSource";

-- Backfill: until now every phone took the customer's zone on import, so each row's zone is
-- recorded as what it was, the customer's. At start the API re-derives every row whose source is
-- 'customer' from its number or address (@crm/db zone-backfill, with the numbering data of
-- @crm/zones), which SQL alone cannot read.
UPDATE "contact_points"
SET "time_zones" = ARRAY["time_zone"], "zone_source" = 'customer'
WHERE "time_zone" IS NOT NULL;

ALTER TABLE "contact_points" DROP COLUMN "time_zone";
