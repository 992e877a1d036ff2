import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { healthRoutes } from './health.routes.js';

// The real-database path is covered in app.test.ts; this proves the 503 path, which needs
// a database that fails.
describe('health when the database is down', () => {
  it('answers 503 with the reason', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(healthRoutes, { pingDatabase: () => Promise.reject(new Error('connection refused')) });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'error', db: 'down', reason: 'The database cannot be reached.' });
    await app.close();
  });
});
