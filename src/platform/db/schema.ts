/** Every table, for the typed Drizzle client. Each module's schema.ts is added here. */
export * from '../access/schema';
export * from '../audit/schema';
export * from '../auth/schema';
export * from '../events/schema';
export * from '../idempotency/schema';
