// The shapes other modules may use (docs/contracts.md: a module's service.ts and schema.ts).
export type { PublishedConclusion, ConclusionView, RecommendationView } from './conclusions/schema.js';
export type { ChecklistView } from './checklist/schema.js';
export type { FeedEvent, FeedPage } from './feed/schema.js';
export type { ChecklistProgress } from './checklist/rules.js';
