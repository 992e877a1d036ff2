-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('collector', 'supervisor', 'admin');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('en', 'zh-CN');

-- CreateEnum
CREATE TYPE "Salutation" AS ENUM ('mr', 'ms', 'mx', 'dr', 'none');

-- CreateEnum
CREATE TYPE "ComplianceProfile" AS ENUM ('US', 'UK', 'CN');

-- CreateEnum
CREATE TYPE "ContactPointKind" AS ENUM ('phone', 'email', 'address');

-- CreateEnum
CREATE TYPE "ContactPointType" AS ENUM ('home', 'mobile', 'work', 'other');

-- CreateEnum
CREATE TYPE "ContactPointStatus" AS ENUM ('valid', 'invalid', 'unverified');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('open', 'settled', 'closed', 'charged_off', 'recalled');

-- CreateEnum
CREATE TYPE "StopFlagType" AS ENUM ('cease_request', 'attorney_represented', 'dispute_hold', 'bankruptcy', 'deceased', 'breathing_space', 'mental_capacity', 'do_not_contact');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('phone', 'sms', 'email', 'letter', 'visit');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('outbound', 'inbound');

-- CreateEnum
CREATE TYPE "PartyReached" AS ENUM ('debtor', 'third_party', 'nobody');

-- CreateEnum
CREATE TYPE "Disposition" AS ENUM ('no_answer', 'busy', 'voicemail', 'wrong_number', 'right_party_contact', 'refused', 'dispute', 'claims_paid', 'callback_requested', 'promise_to_pay');

-- CreateEnum
CREATE TYPE "PromiseStatus" AS ENUM ('pending', 'kept', 'partly_kept', 'broken', 'cancelled');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('active', 'completed', 'broken', 'cancelled');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('pending', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ScriptVersionStatus" AS ENUM ('draft', 'published', 'archived');

-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('stage_thresholds', 'compliance_profile', 'promise_rules', 'queue_weights');

-- CreateTable
CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "supervisor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team_id" UUID,
    "locale" "Locale" NOT NULL DEFAULT 'en',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "creditors" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "compliance_profile" "ComplianceProfile" NOT NULL,

    CONSTRAINT "creditors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "debtors" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "salutation" "Salutation" NOT NULL DEFAULT 'none',
    "family_name" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "date_of_birth" DATE,
    "preferred_language" "Locale" NOT NULL DEFAULT 'en',
    "time_zone" TEXT NOT NULL,
    "employment_notes" TEXT,
    "household_notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "debtors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_points" (
    "id" UUID NOT NULL,
    "debtor_id" UUID NOT NULL,
    "kind" "ContactPointKind" NOT NULL,
    "type" "ContactPointType" NOT NULL,
    "value" TEXT NOT NULL,
    "time_zone" TEXT,
    "status" "ContactPointStatus" NOT NULL DEFAULT 'unverified',
    "opted_out" BOOLEAN NOT NULL DEFAULT false,
    "opted_out_at" TIMESTAMPTZ(3),
    "work_inconvenient" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_points_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "third_parties" (
    "id" UUID NOT NULL,
    "debtor_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "phone" TEXT,
    "source" TEXT NOT NULL,
    "do_not_contact" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "third_parties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "debtor_id" UUID NOT NULL,
    "creditor_id" UUID NOT NULL,
    "product" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "balance_minor" BIGINT NOT NULL,
    "overdue_minor" BIGINT NOT NULL,
    "instalment_minor" BIGINT NOT NULL,
    "oldest_unpaid_due_date" DATE,
    "missed_instalments" INTEGER NOT NULL DEFAULT 0,
    "assigned_collector_id" UUID,
    "status" "AccountStatus" NOT NULL DEFAULT 'open',
    "compliance_profile" "ComplianceProfile" NOT NULL,
    "opened_at" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stop_flags" (
    "id" UUID NOT NULL,
    "debtor_id" UUID NOT NULL,
    "account_id" UUID,
    "type" "StopFlagType" NOT NULL,
    "reason" TEXT NOT NULL,
    "set_by_id" UUID,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "cleared_at" TIMESTAMPTZ(3),
    "cleared_by_id" UUID,
    "clear_reason" TEXT,

    CONSTRAINT "stop_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_attempts" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "debtor_id" UUID NOT NULL,
    "collector_id" UUID,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL DEFAULT 'outbound',
    "contact_point_id" UUID,
    "third_party_id" UUID,
    "party_reached" "PartyReached" NOT NULL,
    "disposition" "Disposition" NOT NULL,
    "notes" TEXT,
    "objections" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "script_version_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "override_reason_code" TEXT,
    "override_note" TEXT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_plans" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "contact_attempt_id" UUID,
    "status" "PlanStatus" NOT NULL DEFAULT 'active',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promises" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "contact_attempt_id" UUID,
    "plan_id" UUID,
    "sequence" INTEGER,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "due_date" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "PromiseStatus" NOT NULL DEFAULT 'pending',
    "paid_minor" BIGINT NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "paid_at" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "reference" TEXT NOT NULL,
    "reversal_of_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callbacks" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "collector_id" UUID,
    "contact_attempt_id" UUID,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "requested_by_customer" BOOLEAN NOT NULL DEFAULT true,
    "status" "CallbackStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scripts" (
    "id" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "scripts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_versions" (
    "id" UUID NOT NULL,
    "script_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ScriptVersionStatus" NOT NULL DEFAULT 'draft',
    "steps" JSONB NOT NULL,
    "justification" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "script_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objection_answers" (
    "id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "customer_says" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "stages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objection_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policies" (
    "id" UUID NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "request_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_name_key" ON "teams"("name");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "creditors_code_key" ON "creditors"("code");

-- CreateIndex
CREATE UNIQUE INDEX "debtors_external_id_key" ON "debtors"("external_id");

-- CreateIndex
CREATE INDEX "contact_points_debtor_id_idx" ON "contact_points"("debtor_id");

-- CreateIndex
CREATE INDEX "third_parties_debtor_id_idx" ON "third_parties"("debtor_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts"("external_id");

-- CreateIndex
CREATE INDEX "accounts_assigned_collector_id_status_oldest_unpaid_due_dat_idx" ON "accounts"("assigned_collector_id", "status", "oldest_unpaid_due_date");

-- CreateIndex
CREATE INDEX "accounts_debtor_id_idx" ON "accounts"("debtor_id");

-- CreateIndex
CREATE INDEX "accounts_status_oldest_unpaid_due_date_idx" ON "accounts"("status", "oldest_unpaid_due_date");

-- CreateIndex
CREATE INDEX "stop_flags_debtor_id_idx" ON "stop_flags"("debtor_id");

-- CreateIndex
CREATE INDEX "stop_flags_account_id_idx" ON "stop_flags"("account_id");

-- CreateIndex
CREATE INDEX "contact_attempts_account_id_started_at_idx" ON "contact_attempts"("account_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "contact_attempts_collector_id_started_at_idx" ON "contact_attempts"("collector_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "contact_attempts_started_at_idx" ON "contact_attempts"("started_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "contact_attempts_collector_id_idempotency_key_key" ON "contact_attempts"("collector_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "payment_plans_account_id_idx" ON "payment_plans"("account_id");

-- CreateIndex
CREATE INDEX "promises_account_id_due_date_idx" ON "promises"("account_id", "due_date");

-- CreateIndex
CREATE INDEX "promises_status_due_date_idx" ON "promises"("status", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "payments_reversal_of_id_key" ON "payments"("reversal_of_id");

-- CreateIndex
CREATE INDEX "payments_account_id_paid_at_idx" ON "payments"("account_id", "paid_at");

-- CreateIndex
CREATE UNIQUE INDEX "payments_source_reference_key" ON "payments"("source", "reference");

-- CreateIndex
CREATE INDEX "callbacks_collector_id_status_due_at_idx" ON "callbacks"("collector_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "callbacks_account_id_idx" ON "callbacks"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "scripts_stage_locale_key" ON "scripts"("stage", "locale");

-- CreateIndex
CREATE INDEX "script_versions_script_id_status_idx" ON "script_versions"("script_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "script_versions_script_id_version_key" ON "script_versions"("script_id", "version");

-- CreateIndex
CREATE INDEX "objection_answers_locale_category_idx" ON "objection_answers"("locale", "category");

-- CreateIndex
CREATE UNIQUE INDEX "policies_kind_key_version_key" ON "policies"("kind", "key", "version");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_at_idx" ON "audit_events"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_at_idx" ON "audit_events"("actor_id", "at");

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_supervisor_id_fkey" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "third_parties" ADD CONSTRAINT "third_parties_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_creditor_id_fkey" FOREIGN KEY ("creditor_id") REFERENCES "creditors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_assigned_collector_id_fkey" FOREIGN KEY ("assigned_collector_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stop_flags" ADD CONSTRAINT "stop_flags_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stop_flags" ADD CONSTRAINT "stop_flags_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_collector_id_fkey" FOREIGN KEY ("collector_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_contact_point_id_fkey" FOREIGN KEY ("contact_point_id") REFERENCES "contact_points"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_third_party_id_fkey" FOREIGN KEY ("third_party_id") REFERENCES "third_parties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_script_version_id_fkey" FOREIGN KEY ("script_version_id") REFERENCES "script_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_contact_attempt_id_fkey" FOREIGN KEY ("contact_attempt_id") REFERENCES "contact_attempts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promises" ADD CONSTRAINT "promises_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promises" ADD CONSTRAINT "promises_contact_attempt_id_fkey" FOREIGN KEY ("contact_attempt_id") REFERENCES "contact_attempts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promises" ADD CONSTRAINT "promises_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "payment_plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_reversal_of_id_fkey" FOREIGN KEY ("reversal_of_id") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_collector_id_fkey" FOREIGN KEY ("collector_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_contact_attempt_id_fkey" FOREIGN KEY ("contact_attempt_id") REFERENCES "contact_attempts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_versions" ADD CONSTRAINT "script_versions_script_id_fkey" FOREIGN KEY ("script_id") REFERENCES "scripts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

