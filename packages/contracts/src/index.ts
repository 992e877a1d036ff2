export * from './accounts.js';
export * from './auth.js';
export * from './errors.js';
export * from './fields.js';
export * from './health.js';
export * from './reports.js';
export * from './users.js';
export * from './workstation.js';
