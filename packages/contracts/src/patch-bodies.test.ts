import { describe, expect, it } from 'vitest';
import { updatePreferencesBodySchema } from './auth.js';
import { updateContactPointBodySchema } from './contact-points.js';
import { updateTeamBodySchema, updateUserBodySchema } from './users.js';

// Every body of a PATCH route: what the request names, and nothing a default would add.
const PATCH_BODIES = {
  'PATCH /api/teams/:teamId': { schema: updateTeamBodySchema, samples: [{ name: 'Renamed' }, { supervisorId: null }] },
  'PATCH /api/users/:userId': {
    schema: updateUserBodySchema,
    samples: [{ displayName: 'New name' }, { active: false }, { teamId: null }, { role: 'supervisor' }],
  },
  'PATCH /api/me/preferences': { schema: updatePreferencesBodySchema, samples: [{ locale: 'zh-CN' }] },
  'PATCH /api/accounts/:id/contact-points/:pointId': {
    schema: updateContactPointBodySchema,
    samples: [{ label: null }, { timeZone: 'Pacific/Honolulu' }, { status: 'invalid', reason: 'wrong number' }],
  },
};

describe('PATCH bodies change only the fields they name', () => {
  for (const [route, { schema, samples }] of Object.entries(PATCH_BODIES)) {
    it(`${route} adds no field by default`, () => {
      for (const sample of samples) expect(schema.parse(sample)).toEqual(sample);
    });
  }
});
