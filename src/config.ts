import { IANAZone } from 'luxon';
import { z } from 'zod';
import { vi } from 'zod/locales';

// Validation messages (configuration, request bodies, definitions) are in Vietnamese.
z.config(vi());

const booleanFromEnv = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  databaseFile: z.string().min(1).default('var/inspection.db'),
  storageDir: z.string().min(1).default('var/storage'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  timeZone: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone'),
  chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
  seedOnStart: booleanFromEnv.default(true),
  demoTokensFile: z.string().min(1).default('var/demo-tokens.txt'),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable behind each configuration key (also the README's configuration table). */
export const envNames: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseFile: 'DATABASE_FILE',
  storageDir: 'STORAGE_DIR',
  logLevel: 'LOG_LEVEL',
  timeZone: 'TIME_ZONE',
  chromiumPath: 'CHROMIUM_PATH',
  seedOnStart: 'SEED_ON_START',
  demoTokensFile: 'DEMO_TOKENS_FILE',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
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
  return parseConfig(input as ConfigInput);
}
