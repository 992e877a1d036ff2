// The one lint configuration of the repository (ESLint 9 flat config), run by `pnpm lint` and by
// `pnpm test` right after the formatting check. Two parts:
//   1. code rules: ESLint's and typescript-eslint's recommended sets (syntax only, no type
//      information, so the whole tree lints in seconds) and React's rules of hooks for the SPA;
//   2. the architecture's import rules (docs/architecture.md, "Import rules"; ADR 015): one
//      `architecture/<name>` rule per boundary, each reporting a message that says which rule was
//      broken and what to do instead. tooling/lint-rules.test.ts shows each of them failing.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { architecturePlugin } from './tooling/eslint-architecture.js';

// ------------------------------------------------------------------------------------------------
// Import boundaries
//
// Each boundary is a rule of its own, `architecture/<name>` (tooling/eslint-architecture.js): the
// files it applies to, and what they may not import, as regular expressions over the target
// (a repository path for a relative import, extension dropped; the package name otherwise).

/** The database: the Prisma client package, Prisma itself and the PostgreSQL driver. */
const DATABASE = '^(@crm/db(/(?!password$).*)?|@prisma/.*|prisma|pg|pg-copy-streams)$|^prisma/';

const BOUNDARIES = {
  'web-no-server': {
    // Not apps/web/e2e/serve.mjs: it starts the built API for the browser tests, by design.
    files: ['apps/web/src/**', 'apps/web/e2e/**/*.ts', 'apps/web/*.ts'],
    forbid: [
      {
        target: `${DATABASE}|^apps/api/|^(@crm/api|fastify|@fastify/.*)(/|$)`,
        message:
          'apps/web never imports the API (apps/api), the database package (@crm/db), Prisma or pg: ' +
          'it talks to the server over HTTP, with the shapes in @crm/contracts.',
      },
    ],
  },
  'domain-pure': {
    files: ['packages/domain/src/**'],
    forbid: [
      {
        target: '.',
        unless: '^(@crm/contracts|date-fns|@date-fns/tz)(/|$)|^packages/domain/src/',
        message:
          'packages/domain is pure rules: it imports only @crm/contracts, date-fns, @date-fns/tz and ' +
          'its own files; no I/O (node:fs, net, http, child_process...), no framework (fastify, react, prisma, pg). ' +
          'Take the time, the zone and the data as inputs.',
      },
    ],
  },
  'contracts-zod-only': {
    files: ['packages/contracts/src/**'],
    forbid: [
      {
        target: '.',
        unless: '^zod(/|$)|^packages/contracts/src/',
        message:
          'packages/contracts holds the zod schemas the API and the web share: it imports only zod and its own files.',
      },
    ],
  },
  'database-in-repositories': {
    files: ['apps/api/src/**'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      // The unit of work: opens transactions and hands their client to repositories.
      'apps/api/src/lib/transaction.ts',
      // The composition roots: main.ts (and worker.ts, the job worker; kpi-rebuild.ts, a command) creates the client, app.ts hands it to the modules, and each
      // module's <name>.module.ts gives it to its own repositories (they build objects, run nothing).
      'apps/api/src/main.ts',
      'apps/api/src/worker.ts',
      'apps/api/src/kpi-rebuild.ts',
      'apps/api/src/app.ts',
      'apps/api/src/modules/*/*.module.ts',
      'apps/api/src/modules/core.ts',
      // Tests set up and inspect the database directly, as the harness in apps/api/test does.
      'apps/api/src/**/*.test.ts',
    ],
    forbid: [
      {
        target: DATABASE,
        message:
          'Only *.repository.ts files (and lib/transaction.ts, the unit of work) touch ' +
          'the database: no @crm/db, Prisma or pg here, not even their types. Add a method to a repository and ' +
          'depend on it (typed with Pick<>), or use a type from @crm/contracts.',
      },
    ],
  },
  'routes-call-services': {
    files: ['apps/api/src/**/*.routes.ts'],
    forbid: [
      {
        target: '\\.repository$|^apps/api/src/lib/transaction$',
        message:
          'A route handles HTTP and calls its service: it never imports a repository or ' +
          'the unit of work. Move the work into the service.',
      },
    ],
  },
  'layers-point-down': {
    files: ['apps/api/src/**/*.repository.ts', 'apps/api/src/**/*.service.ts'],
    forbid: [
      {
        target: '\\.routes$',
        message: 'Routes call services and services call repositories, never the other way.',
      },
    ],
  },
  'repositories-no-services': {
    files: ['apps/api/src/**/*.repository.ts'],
    forbid: [
      {
        target: '\\.service$',
        message: 'A repository reads and writes data and calls no service: the service calls the repository.',
      },
    ],
  },
  'app-wires-modules': {
    files: ['apps/api/src/app.ts'],
    forbid: [
      {
        target: '^apps/api/src/modules/(?!([^/]+)/\\1\\.module$|core$)',
        message:
          "app.ts is the table of contents: it imports each module's <name>.module.ts (and the Core they share) and nothing else from " +
          "modules/ (no route, service or repository). Wire the module's parts in its module file.",
      },
    ],
  },
  'plugins-no-modules': {
    files: ['apps/api/src/plugins/**', 'apps/api/src/lib/**', 'apps/api/src/config/**'],
    forbid: [
      {
        target: '^apps/api/src/(modules/|app$|main$)',
        message:
          'plugins/, lib/ and config/ serve every module and depend on none: put the shared ' +
          'type or helper in lib/ (or @crm/contracts); app.ts passes the module in.',
      },
    ],
  },
};

/**
 * Tests may also use the test tools, and the domain's linter evaluation runs with the Chinese
 * word segmenter the API injects (@node-rs/jieba; ADR 022).
 */
const TEST_TOOLS = '^(vitest|fast-check|@node-rs/jieba)(/|$)|';

const architecture = architecturePlugin(Object.keys(BOUNDARIES));

const boundaryConfigs = Object.entries(BOUNDARIES).flatMap(([name, { files, ignores, forbid }]) => {
  const block = (label, filesHere, forbidHere) => ({
    name: `architecture/${name}${label}`,
    files: filesHere,
    ...(ignores ? { ignores } : {}),
    plugins: { architecture },
    rules: { [`architecture/${name}`]: ['error', { forbid: forbidHere }] },
  });
  const blocks = [block('', files, forbid)];
  // The tests of a package with an allow-list may import the test tools too (the later block's
  // options replace the earlier's for those files).
  if (forbid.some((p) => p.unless)) {
    const testFiles = files.map((f) => f.replace(/\*\*$/, '**/*.test.{ts,tsx}'));
    const forbidInTests = forbid.map((p) => (p.unless ? { ...p, unless: TEST_TOOLS + p.unless } : p));
    blocks.push(block(' (tests)', testFiles, forbidInTests));
  }
  return blocks;
});

// ------------------------------------------------------------------------------------------------

export default defineConfig(
  {
    name: 'ignored',
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '.data/',
      'coverage/',
      '**/test-results/',
      '**/playwright-report/',
      'prisma/generated/',
      'prisma/migrations/',
      'apps/web/public/',
    ],
  },
  { name: 'lint the lint', linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'code rules',
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { id: _, ...rest } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `let x; onClose(() => x?.stop()); x = start()`: a const would be read before it exists.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    name: 'web (browser, React)',
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...boundaryConfigs,
  {
    // The other half of "pure": no I/O through globals, and the time is an input.
    name: 'architecture/domain-pure (globals)',
    files: ['packages/domain/src/**', 'packages/contracts/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'fetch',
          'process',
          'XMLHttpRequest',
          'WebSocket',
          'localStorage',
          'sessionStorage',
          'window',
          'document',
        ].map((name) => ({
          name,
          message: `The domain and the contracts do no I/O: no ${name}; take what it gives as an input.`,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain and the contracts never read the clock: take `now` as an input.',
        },
      ],
    },
  },
);
