import { startEmbeddedPostgres } from './embedded.js';
const pg = await startEmbeddedPostgres({ dataDir: '/tmp/scratch-pg-data' });
await pg.createDatabase('scratch').catch(() => {});
console.log('URL', pg.urlFor('scratch'));
setInterval(() => {}, 1 << 30);
