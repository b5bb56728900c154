import { isIP } from 'node:net';
import { join } from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { vi } from 'zod/locales';

// Validation messages (configuration, request bodies, definitions) are in Vietnamese.
z.config(vi());

const booleanFromEnv = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');

// proxy-addr's names for address ranges (Fastify's trustProxy takes them).
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Whose X-Forwarded-For, -Proto and -Host to believe: nobody (false), every peer (true: only when
 * nothing but the proxy can reach the service), or the proxies' addresses and networks. A hop count is
 * refused because Fastify 5 never trusts one (the peer could not be checked).
 */
const trustProxyFromEnv = z.union([z.boolean(), z.string()]).transform((value, ctx): boolean | string => {
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (wrong.length === 0) return entries.join(',');
  ctx.addIssue({
    code: 'custom',
    message: `“${wrong.join(', ')}”: ghi true, false, hoặc địa chỉ IP, mạng (10.0.0.0/8), loopback, linklocal, uniquelocal cách nhau bằng dấu phẩy`,
  });
  return z.NEVER;
});

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  databaseFile: z.string().min(1).default('var/inspection.db'),
  storageDir: z.string().min(1).default('var/storage'),
  /** Where the start-up work kept by content goes (src/text/content-cache.ts); STORAGE_DIR/cache when unset. */
  cacheDir: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the JSON log goes: a file (created owner-only), or "-" for standard output (systemd, containers). */
  logFile: z.string().min(1).default('var/log/service.log'),
  timeZone: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone'),
  chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
  seedOnStart: booleanFromEnv.default(true),
  demoTokensFile: z.string().min(1).default('var/demo-tokens.env'),
  signInLinksFile: z.string().min(1).default('var/sign-in-links.txt'),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
  /** The shipped civil-service calendar; relative paths are read from the project folder. */
  calendarFile: z.string().min(1).default('data/calendar/vn-civil-service.yaml'),
  databaseBusyTimeoutMs: z.coerce.number().int().min(0).max(600_000).default(5000),
  rateLimitMax: z.coerce.number().int().min(1).default(600),
  rateLimitWindowMs: z.coerce.number().int().min(1000).default(60_000),
  shutdownTimeoutMs: z.coerce.number().int().min(100).default(15_000),
  evidenceMaxBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1_048_576),
  evidenceTypes: z
    .string()
    .default(
      'application/pdf,image/jpeg,image/png,image/webp,' +
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/msword,application/vnd.ms-excel',
    )
    .transform((list) =>
      list
        .split(',')
        .map((type) => type.trim().toLowerCase())
        .filter((type) => type !== ''),
    ),
  feedRetentionDays: z.coerce.number().int().min(1).default(365),
  feedPollSeconds: z.coerce.number().int().min(1).max(3600).default(30),
  outlinesDir: z.string().min(1).default('outlines'),
  templatesDir: z.string().min(1).default('templates'),
  pdfPages: z.coerce.number().int().min(1).max(32).default(3),
  pdfQueue: z.coerce.number().int().min(0).max(1000).default(8),
  pdfTimeoutMs: z.coerce.number().int().min(1).max(600_000).default(20_000),
  /** Where people reach the service (sign-in links, Origin checks); https makes session cookies Secure. */
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'phải là địa chỉ http:// hoặc https://' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  sessionIdleHours: z.coerce
    .number()
    .min(0.01)
    .max(24 * 90)
    .default(168),
  sessionMaxDays: z.coerce.number().min(0.01).max(365).default(30),
  invitationTtlHours: z.coerce
    .number()
    .min(0.01)
    .max(24 * 90)
    .default(168),
  /** The reverse proxies whose X-Forwarded-* headers are believed, so limits and logs see the real client. */
  trustProxy: trustProxyFromEnv.default(false),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable behind each configuration key (also the table of docs/configuration.md). */
export const envNames: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseFile: 'DATABASE_FILE',
  storageDir: 'STORAGE_DIR',
  cacheDir: 'CACHE_DIR',
  logLevel: 'LOG_LEVEL',
  logFile: 'LOG_FILE',
  timeZone: 'TIME_ZONE',
  chromiumPath: 'CHROMIUM_PATH',
  seedOnStart: 'SEED_ON_START',
  demoTokensFile: 'DEMO_TOKENS_FILE',
  signInLinksFile: 'SIGN_IN_LINKS_FILE',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  calendarFile: 'CALENDAR_FILE',
  databaseBusyTimeoutMs: 'DATABASE_BUSY_TIMEOUT_MS',
  rateLimitMax: 'RATE_LIMIT_MAX',
  rateLimitWindowMs: 'RATE_LIMIT_WINDOW_MS',
  shutdownTimeoutMs: 'SHUTDOWN_TIMEOUT_MS',
  evidenceMaxBytes: 'EVIDENCE_MAX_BYTES',
  evidenceTypes: 'EVIDENCE_TYPES',
  feedRetentionDays: 'FEED_RETENTION_DAYS',
  feedPollSeconds: 'FEED_POLL_SECONDS',
  outlinesDir: 'OUTLINES_DIR',
  templatesDir: 'TEMPLATES_DIR',
  pdfPages: 'PDF_PAGES',
  pdfQueue: 'PDF_QUEUE',
  pdfTimeoutMs: 'PDF_TIMEOUT_MS',
  publicUrl: 'PUBLIC_URL',
  sessionIdleHours: 'SESSION_IDLE_HOURS',
  sessionMaxDays: 'SESSION_MAX_DAYS',
  invitationTtlHours: 'INVITATION_TTL_HOURS',
  trustProxy: 'TRUST_PROXY',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(input: ConfigInput): Config {
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const env = envNames[key as keyof Config];
    return `${env ?? key}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration\n  ${lines.join('\n  ')}`);
}

export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  return parseConfig(input);
}

/** Where the start-up work is kept by content: CACHE_DIR, or a folder in the storage folder. */
export function cacheDirOf(config: Config): string {
  return config.cacheDir ?? join(config.storageDir, 'cache');
}

/** The address people use: PUBLIC_URL, or this machine's own address and port. */
export function publicUrlOf(config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  return `http://${host}:${config.port}`;
}
