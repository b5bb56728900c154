// Every table of the service, gathered for drizzle-kit and for the typed database handle.
// Each module owns its tables in <module>/tables.ts; add a line here when a module gains one.
export * from '../campaigns/tables.js';
export * from '../auth/tables.js';
export * from '../audit/tables.js';
export * from '../schedule/tables.js';
export * from '../http/tables.js';
export * from '../calendar/tables.js';
export * from '../findings/tables.js';
export * from '../outlines/tables.js';
export * from '../documents/tables.js';
export * from './tables.js';
