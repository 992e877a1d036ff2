import { z } from 'zod';

/**
 * Schemas whose values are a customer's personal data (names, phone numbers, e-mail and postal
 * addresses, notes about the person, text addressed to them). The API refuses to start when a
 * route's response carries one and the route does not declare how its reads are audited
 * (apps/api/src/plugins/audit.ts, ADR 011). Tag the leaf field, not the object: `.extend()`
 * and friends make new objects that do not inherit a tag.
 */
export const personalDataRegistry = z.registry<{ 'x-personal-data': true }>();

/** Marks `schema` as carrying a customer's personal data (see personalDataRegistry). */
export function personal<T extends z.ZodType>(schema: T): T {
  personalDataRegistry.add(schema, { 'x-personal-data': true });
  return schema;
}

/** True when `schema` contains a field tagged with `personal()`, however deeply nested. */
export function carriesPersonalData(schema: z.ZodType): boolean {
  const json = z.toJSONSchema(schema, { metadata: personalDataRegistry, unrepresentable: 'any', io: 'output' });
  return JSON.stringify(json).includes('"x-personal-data":true');
}
