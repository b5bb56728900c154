import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildApp } from './app.js';
import { createDemoTokens, writeDemoTokens } from './auth/demo-tokens.js';
import { systemActor } from './auth/actor.js';
import { seedShippedCampaigns } from './campaigns/seed.js';
import { ensureRehearsal, writeSignInLinks, type RehearsalResult } from './demo/rehearsal.js';
import { ConfigError, configFromEnv, type Config } from './config.js';

// The only impure entry: reads the environment, seeds, listens, and closes gracefully on a signal.

function loadConfig(): Config {
  try {
    return configFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The JSON log in its file (so the welcome lines stay readable), or on standard output with LOG_FILE=-. */
function loggerOptions(config: Config) {
  if (config.logFile === '-') return { level: config.logLevel };
  mkdirSync(dirname(config.logFile), { recursive: true, mode: 0o700 });
  closeSync(openSync(config.logFile, 'a', 0o600));
  return { level: config.logLevel, file: config.logFile };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, { logger: loggerOptions(config) });
  const { campaigns, auth } = app.services;
  let rehearsal: RehearsalResult | null = null;

  if (config.seedOnStart) {
    const seeded = seedShippedCampaigns(campaigns, systemActor('seed'));
    for (const { id, created } of seeded) {
      app.log.info({ campaignId: id, created }, created ? 'campaign loaded' : 'campaign already loaded');
      if (created && !existsSync(config.demoTokensFile)) {
        writeDemoTokens(config.demoTokensFile, createDemoTokens(auth, campaigns, id, systemActor('seed')));
      }
    }
    if (existsSync(config.demoTokensFile)) {
      app.log.info(`demo tokens for every role: ${config.demoTokensFile} (load them with: . ${config.demoTokensFile})`);
    }
    const source = seeded[0]?.id;
    if (source) rehearsal = ensureRehearsal(app.services, source, systemActor('diễn tập'));
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'requests still running at the shutdown deadline: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const pages = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
  const welcome = [``, `Trang web: ${pages}/  ·  Tài liệu API: ${pages}/docs`];
  if (config.logFile !== '-') welcome.push(`Nhật ký (JSON): ${config.logFile}`);
  if (existsSync(config.demoTokensFile)) welcome.push(`Token API mẫu cho mọi vai trò: ${config.demoTokensFile} (nạp bằng: . ${config.demoTokensFile})`);
  if (rehearsal) {
    if (rehearsal.created) writeSignInLinks(config.signInLinksFile, pages, rehearsal);
    app.log.info({ campaignId: rehearsal.campaignId, created: rehearsal.created }, `rehearsal campaign; sign-in links in ${config.signInLinksFile}`);
    welcome.push(`Đợt diễn tập ${rehearsal.campaignId}: liên kết đăng nhập (mỗi liên kết dùng một lần) trong ${config.signInLinksFile}`);
    for (const link of rehearsal.links) welcome.push(`  ${link.description}: ${pages}${link.path}`);
  }
  process.stdout.write(`${welcome.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
