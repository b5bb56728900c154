import { randomBytes } from 'node:crypto';
import type { CursorKeys } from '../../src/findings/feed/cursor.js';

// The feed's signing keys for tests of its cursors: the database's epoch now and one from before a
// restore, each with a random key.

export const epoch = (hex: string) => ({ epoch: hex, key: randomBytes(32) });
const before = epoch('0a0b0c0d0e0f');
const now = epoch('a1b2c3d4e5f6');

/** The keys of the database now: its own epoch and the one before a restore. */
export const keys: CursorKeys = {
  current: now,
  keys: new Map([
    [before.epoch, before.key],
    [now.epoch, now.key],
  ]),
};

/** The keys of the database before it was restored: cursors signed with them are from an earlier epoch. */
export const earlierKeys: CursorKeys = { current: before, keys: new Map([[before.epoch, before.key]]) };
