-- Practice mode (issue 17, ADR 057): scenarios versioned like scripts, practice sessions on
-- synthetic facts. No practice row lives in the real tables.

-- CreateTable
CREATE TABLE "practice_scenarios" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practice_scenario_versions" (
    "id" UUID NOT NULL,
    "scenario_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_scenario_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practice_sessions" (
    "id" UUID NOT NULL,
    "trainee_id" UUID NOT NULL,
    "assigned_by_id" UUID,
    "scenario_version_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "log" JSONB NOT NULL,
    "outcome" JSONB,
    "debrief" JSONB,
    "score" INTEGER,
    "passed" BOOLEAN,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "practice_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "practice_scenarios_key_key" ON "practice_scenarios"("key");

-- CreateIndex
CREATE UNIQUE INDEX "practice_scenario_versions_scenario_id_version_key" ON "practice_scenario_versions"("scenario_id", "version");

-- CreateIndex
CREATE INDEX "practice_sessions_trainee_id_started_at_idx" ON "practice_sessions"("trainee_id", "started_at");

-- AddForeignKey
ALTER TABLE "practice_scenario_versions" ADD CONSTRAINT "practice_scenario_versions_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "practice_scenarios"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_trainee_id_fkey" FOREIGN KEY ("trainee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_scenario_version_id_fkey" FOREIGN KEY ("scenario_version_id") REFERENCES "practice_scenario_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
