export * from './age-band.js';
export * from './dates.js';
export * from './money.js';
export * from './stages.js';
export * from './policies.js';
export * from './contact-gate.js';
export * from './queue-priority.js';
