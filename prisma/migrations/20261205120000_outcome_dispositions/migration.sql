-- Outcomes for third parties, inbound calls and other channels (issue 14, ADR 036).
-- AlterEnum
ALTER TYPE "Disposition" ADD VALUE 'message_left';
ALTER TYPE "Disposition" ADD VALUE 'not_available';
ALTER TYPE "Disposition" ADD VALUE 'message_refused';
ALTER TYPE "Disposition" ADD VALUE 'message_sent';
