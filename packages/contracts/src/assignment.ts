import { z } from 'zod';
import { stageSchema, uuidSchema } from './fields.js';

/**
 * Bulk assignment of open accounts. Which accounts: any combination of stage (derived from the
 * dates, as everywhere), creditor, the team they are assigned to now, or only unassigned ones.
 * To whom: one collector, or evenly across the active collectors of a team.
 */
export const assignmentBodySchema = z.object({
  filter: z.object({
    stage: stageSchema.optional(),
    creditorId: uuidSchema.optional(),
    fromTeamId: uuidSchema.optional(),
    unassignedOnly: z.boolean().default(false),
  }),
  to: z.union([z.object({ collectorId: uuidSchema }), z.object({ teamId: uuidSchema })], {
    message: 'must name a collectorId or a teamId',
  }),
});
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;

export const assignmentResultSchema = z.object({
  committed: z.boolean(),
  accounts: z.number().int(),
  perCollector: z.array(z.object({ collectorId: uuidSchema, displayName: z.string(), accounts: z.number().int() })),
});
export type AssignmentResult = z.infer<typeof assignmentResultSchema>;
