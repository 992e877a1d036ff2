/**
 * The texts are loaded in two parts per language (ADR 054): `first`, what the login page, the
 * layout and the workstation's queue show (the first load), and `rest`, every other screen's, loaded
 * with the first screen that needs it (router.tsx `screen`, the open account's panes). A group is a
 * top-level key of en.json / zh-CN.json; the files themselves stay whole (one file per language).
 * parts.test.ts fails when code on the first load uses a group that is not listed here.
 */
export const FIRST_TEXTS = [
  'app',
  'login',
  'shell',
  'nav',
  'roles',
  'errors',
  'states',
  'problems',
  'notFound',
  'integration',
  'changePassword',
  'drafts',
  'workstation',
  'queueReasons',
  'gateReasons',
  'stages',
  'stopFlags',
  'channels',
  'myCallbacks',
  'palette',
  'shortcuts',
] as const;

export type TextsPart = 'first' | 'rest';
