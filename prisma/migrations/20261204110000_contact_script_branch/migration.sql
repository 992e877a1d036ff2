-- Script version and branch on every call (issue 14): the willingness branch the collector chose.
-- CreateEnum
CREATE TYPE "ScriptBranch" AS ENUM ('willing_able', 'willing_unable', 'unwilling');

-- AlterTable
ALTER TABLE "contact_attempts" ADD COLUMN     "script_branch" "ScriptBranch";
