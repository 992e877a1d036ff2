/**
 * The zod-free part of the contracts (ADR 054): code lists and shared constants. The SPA's first
 * load imports values from here, never from the package root (which loads zod and every schema);
 * types may come from the root (`import type`). apps/web's build fails when the workstation's first
 * load grows over its budget (first-load-budget.ts).
 */
export * from './code-lists.js';
export * from './constants.js';
