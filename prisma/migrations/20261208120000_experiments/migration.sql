-- CreateEnum
CREATE TYPE "ExperimentStatus" AS ENUM ('draft', 'running', 'stopped', 'promoted');

-- AlterEnum
ALTER TYPE "ScriptVersionStatus" ADD VALUE 'approved';

-- AlterTable
ALTER TABLE "contact_attempts" ADD COLUMN     "experiment_variant_id" UUID;

-- CreateTable
CREATE TABLE "experiments" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "status" "ExperimentStatus" NOT NULL DEFAULT 'draft',
    "running_slot" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "started_by_id" UUID,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_id" UUID,
    "winner_id" UUID,

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_variants" (
    "id" UUID NOT NULL,
    "experiment_id" UUID NOT NULL,
    "script_version_id" UUID NOT NULL,
    "champion" BOOLEAN NOT NULL,
    "position" INTEGER NOT NULL,
    "share" INTEGER NOT NULL,
    "bucket_from" INTEGER NOT NULL,
    "bucket_to" INTEGER NOT NULL,

    CONSTRAINT "experiment_variants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "experiments_running_slot_key" ON "experiments"("running_slot");

-- CreateIndex
CREATE INDEX "experiments_stage_locale_created_at_idx" ON "experiments"("stage", "locale", "created_at");

-- CreateIndex
CREATE INDEX "experiment_variants_script_version_id_idx" ON "experiment_variants"("script_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "experiment_variants_experiment_id_script_version_id_key" ON "experiment_variants"("experiment_id", "script_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "experiment_variants_experiment_id_position_key" ON "experiment_variants"("experiment_id", "position");

-- CreateIndex
CREATE INDEX "contact_attempts_experiment_variant_id_idx" ON "contact_attempts"("experiment_variant_id");

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_experiment_variant_id_fkey" FOREIGN KEY ("experiment_variant_id") REFERENCES "experiment_variants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment_variants" ADD CONSTRAINT "experiment_variants_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment_variants" ADD CONSTRAINT "experiment_variants_script_version_id_fkey" FOREIGN KEY ("script_version_id") REFERENCES "script_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express functions): the bucket (0..99) of an account in an
-- experiment, FNV-1a 32 over the UTF-8 bytes of '<experiment id>:<account id>', modulo 100.
-- The same function as experimentBucket() in packages/domain/src/experiments.ts (ADR 056), so the
-- database records on an attempt the variant every API instance shows.
CREATE FUNCTION experiment_bucket(experiment_id uuid, account_id uuid) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  bytes bytea := convert_to(experiment_id::text || ':' || account_id::text, 'UTF8');
  h bigint := 2166136261;
BEGIN
  FOR i IN 0 .. length(bytes) - 1 LOOP
    h := ((h # get_byte(bytes, i)) * 16777619) % 4294967296;
  END LOOP;
  RETURN (h % 100)::integer;
END $$;
