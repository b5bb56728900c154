import { createHash, randomBytes } from 'node:crypto';

// Invitation codes and session tokens: 256 random bits, URL-safe, kept only as SHA-256 hashes (as
// bearer tokens are). A slow hash would add latency and no protection to values this random.

const CODE = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function looksLikeSecret(value: string): boolean {
  return CODE.test(value);
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(`web\0${value}`, 'utf8').digest('hex');
}
