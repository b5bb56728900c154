import { parseArgs } from 'node:util';
import { buildServices } from './app.js';
import { systemActor } from './auth/actor.js';
import { createDemoTokens, writeDemoTokens } from './auth/demo-tokens.js';
import { roles, type Role } from './auth/tables.js';
import { DefinitionFileError, readDefinitionFile } from './campaigns/loader.js';
import { seedShippedCampaigns } from './campaigns/seed.js';
import { configFromEnv, type Config } from './config.js';
import { backupDatabase } from './db/backup.js';
import { openDatabase } from './db/connection.js';
import { problemExtensions, type FieldIssue, type ProblemError } from './http/errors.js';

// Command line for the office's administrator: npm run cli -- <command>. Works on the same database
// file as the service (SQLite in WAL mode lets both run at once).

const usage = `usage: npm run cli -- <command>
  seed                               load the shipped campaigns (data/campaigns), idempotent
  load <file.yaml|json>              load a campaign definition
  demo-tokens                        write one token per role for each seeded campaign
  tokens list [--campaign ID]
  tokens create --role R --label L [--campaign ID] [--team N] [--unit ID] [--expires ISO]
  tokens revoke <id>
  backup <file>                      online copy of the database (the service may keep running)`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export async function runCli(argv: string[], config: Config, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      campaign: { type: 'string' },
      team: { type: 'string' },
      unit: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command) {
    io.err(usage);
    return 2;
  }
  const database = openDatabase(config.databaseFile);
  try {
    const services = buildServices(config, database, now);
    const actor = systemActor('cli');
    switch (command) {
      case 'backup': {
        if (!sub) break;
        const written = await backupDatabase(database.sqlite, sub);
        io.out(`backup written to ${sub} (${written.pages} pages, integrity ${written.integrity})`);
        return written.integrity === 'ok' ? 0 : 1;
      }
      case 'seed': {
        for (const { id, created } of seedShippedCampaigns(services.campaigns, actor)) {
          io.out(`${id}: ${created ? 'loaded' : 'already loaded'}`);
        }
        return 0;
      }
      case 'load': {
        if (!sub) break;
        const { created, campaign } = services.campaigns.importDefinition(readDefinitionFile(sub), actor);
        io.out(`${campaign.id}: ${created ? 'loaded' : 'already loaded, unchanged'} (${campaign.teamCount} teams, ${campaign.targetCount} targets)`);
        return 0;
      }
      case 'demo-tokens': {
        const tokens = services.campaigns
          .list(actor)
          .flatMap((c) => createDemoTokens(services.auth, services.campaigns, c.id, actor));
        writeDemoTokens(config.demoTokensFile, tokens);
        io.out(`wrote ${tokens.length} tokens to ${config.demoTokensFile}`);
        return 0;
      }
      case 'tokens': {
        if (sub === 'list') {
          for (const t of services.auth.list(values.campaign)) {
            io.out([t.id, t.prefix, t.role, t.campaignId ?? '*', t.teamNumber ?? '', t.unitId ?? '', t.revokedAt ? 'revoked' : 'active', t.label].join('\t'));
          }
          return 0;
        }
        if (sub === 'create') {
          if (!values.role || !roles.includes(values.role as Role) || !values.label) break;
          const created = services.auth.create(
            {
              role: values.role as Role,
              label: values.label,
              ...(values.campaign ? { campaignId: values.campaign } : {}),
              ...(values.team ? { teamNumber: Number(values.team) } : {}),
              ...(values.unit ? { unitId: values.unit } : {}),
              ...(values.expires ? { expiresAt: values.expires } : {}),
            },
            actor,
          );
          io.out(created.token);
          return 0;
        }
        if (sub === 'revoke' && arg) {
          const revoked = services.auth.revoke(Number(arg), actor);
          io.out(`token ${revoked.id} revoked at ${revoked.revokedAt}`);
          return 0;
        }
        break;
      }
    }
    io.err(usage);
    return 2;
  } catch (error) {
    if (error instanceof DefinitionFileError) {
      for (const issue of error.issues) io.err(`${error.file}: ${issue.path || '(document)'}: ${issue.message}`);
      return 1;
    }
    io.err(error instanceof Error ? error.message : String(error));
    const details = (error as ProblemError)[problemExtensions]?.['errors'] as FieldIssue[] | undefined;
    for (const e of details ?? []) io.err(`  ${e.field}: ${e.message}`);
    return 1;
  } finally {
    database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await runCli(process.argv.slice(2), configFromEnv(process.env), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
