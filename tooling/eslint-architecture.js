// The ESLint rule behind the architecture's import boundaries (eslint.config.js declares them,
// docs/architecture.md explains them, ADR 015 says why this rule and not another).
//
// One implementation, registered once per boundary under the boundary's own name, so that a file
// inside several boundaries (a route is also API code) is checked by each, and a report names the
// boundary it broke: `architecture/routes-call-services`.
//
// What an import points at is worked out without touching the disk: a relative import becomes the
// repository path it names (`../../lib/transaction.js` in apps/api/src/modules/x/ is
// `apps/api/src/lib/transaction`, extension dropped), a package import stays its name (`@crm/db`,
// `node:fs`). Boundaries are regular expressions over that target, so `../api/get-x` inside a web
// feature (its own api/ folder) and `../../../api/src/app.js` (the server) are told apart.
import path from 'node:path';

const EXTENSION = /\.(c|m)?(j|t)sx?$/;

/** The import as a repository path (relative imports) or as written (packages). */
export function importTarget(spec, filename, cwd) {
  if (!spec.startsWith('.')) return spec;
  const absolute = path.resolve(path.dirname(filename), spec);
  return path.relative(cwd, absolute).split(path.sep).join('/').replace(EXTENSION, '');
}

const patternSchema = {
  type: 'object',
  properties: {
    /** A regular expression over the target: imports it matches are forbidden... */
    target: { type: 'string' },
    /** ...unless they match this one too (allow-lists: `target: '.'`, `unless: 'zod'`). */
    unless: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['target', 'message'],
  additionalProperties: false,
};

/** @type {import('eslint').Rule.RuleModule} */
export const boundaryRule = {
  meta: {
    type: 'problem',
    docs: { description: 'An import boundary of the architecture (docs/architecture.md, ADR 015).' },
    schema: [
      {
        type: 'object',
        properties: { forbid: { type: 'array', items: patternSchema, minItems: 1 } },
        required: ['forbid'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "{{message}} (import '{{spec}}')" },
  },
  create(context) {
    const forbid = context.options[0].forbid.map((p) => ({
      target: new RegExp(p.target),
      unless: p.unless === undefined ? null : new RegExp(p.unless),
      message: p.message,
    }));
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = importTarget(source.value, context.filename, context.cwd);
      for (const p of forbid) {
        if (p.target.test(target) && !(p.unless && p.unless.test(target))) {
          context.report({ node: source, messageId: 'forbidden', data: { message: p.message, spec: source.value } });
          return;
        }
      }
    };
    return {
      // import x from 'y' / import type { X } from 'y' / import 'y'
      ImportDeclaration: (node) => check(node.source),
      // export { x } from 'y' / export * from 'y'
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      // await import('y')
      ImportExpression: (node) => check(node.source),
      // type X = import('y').X
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      // import x = require('y')
      TSExternalModuleReference: (node) => check(node.expression),
      // require('y')
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

/** A plugin with one rule per boundary name, all the same rule. */
export function architecturePlugin(names) {
  return {
    meta: { name: 'architecture' },
    rules: Object.fromEntries(names.map((name) => [name, boundaryRule])),
  };
}
