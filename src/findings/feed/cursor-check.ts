import { decodeCursor, type CursorKeys, type DecodedCursor } from './cursor.js';

/** Checked cursors remembered (each campaign's clients poll with a few); the oldest goes first. */
const KEPT = 10_000;

/**
 * decodeCursor with a memory. Checking a cursor's MAC took 15–20 µs of a 304 poll's 70 µs of CPU
 * (docs/performance.md), and the office's clients poll with the same few cursors: a cursor checked
 * for a campaign is remembered with that campaign, under the keys of this process (a restore means a
 * restart). A refused cursor is never remembered.
 */
export function cursorCheck(keys: () => CursorKeys): (campaignId: string, cursor: string) => DecodedCursor {
  const checked = new Map<string, DecodedCursor>();
  return (campaignId, cursor) => {
    const key = `${campaignId}\u0000${cursor}`;
    const kept = checked.get(key);
    if (kept) return kept;
    const decoded = decodeCursor(keys(), campaignId, cursor);
    if (decoded.kind === 'foreign') return decoded;
    checked.set(key, decoded);
    if (checked.size > KEPT) checked.delete(checked.keys().next().value!);
    return decoded;
  };
}
