import { parseArgs } from 'node:util';
import { buildServices, type Services } from './app.js';
import { systemActor, type Actor } from './auth/actor.js';
import { createDemoTokens, writeDemoTokens } from './auth/demo-tokens.js';
import { createPersonBody } from './auth/schema.js';
import { roles, type Role } from './auth/tables.js';
import { DefinitionFileError, readDefinitionFile } from './campaigns/loader.js';
import { seedShippedCampaigns } from './campaigns/seed.js';
import { configFromEnv, publicUrlOf, type Config } from './config.js';
import { backupDatabase } from './db/backup.js';
import { openDatabase, type DatabaseHandle } from './db/connection.js';
import { ensureRehearsal, writeSignInLinks } from './demo/rehearsal.js';
import { problemExtensions, type FieldIssue, type ProblemError } from './http/errors.js';

// Command line for the office's administrator: npm run cli -- <command>. Works on the same database
// file as the service (SQLite in WAL mode lets both run at once). A command is checked in full before
// the database is opened, so a typo touches nothing (it used to create a database where it ran).

const usage = `usage: npm run cli -- <command>
  seed                               load the shipped campaigns (data/campaigns), idempotent
  load <file.yaml|json>              load a campaign definition
  demo-tokens                        write one token per role for each seeded campaign
  tokens list [--campaign ID]
  tokens create --role R --label L [--campaign ID] [--team N] [--unit ID] [--expires ISO]
  tokens revoke <id>
  invite --campaign ID --role R --name N [--team N] [--unit ID]
                                     a person who signs in to the pages, and their single-use sign-in link
  rehearsal                          the rehearsal campaign open today (made if none is) and its sign-in links
  backup <file>                      online copy of the database (the service may keep running)`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

type Options = Partial<Record<'role' | 'label' | 'campaign' | 'team' | 'unit' | 'expires' | 'name', string>>;

interface Context {
  services: Services;
  database: DatabaseHandle;
  config: Config;
  actor: Actor;
  io: CliIo;
  args: string[];
  options: Options;
}

interface Command {
  /** The words naming the command, then how many arguments follow. */
  words: string[];
  args: number;
  options?: (keyof Options)[];
  /** Refuses option values the command cannot use (the usage is printed). */
  valid?: (options: Options, args: string[]) => boolean;
  run(ctx: Context): Promise<number> | number;
}

const positiveInteger = (value: string | undefined) => value === undefined || /^[1-9]\d{0,8}$/.test(value);

const commands: Command[] = [
  {
    words: ['seed'],
    args: 0,
    run({ services, actor, io }) {
      const seeded = seedShippedCampaigns(services.campaigns, actor);
      io.out(seeded.length ? seeded.map(({ id, created }) => `${id}: ${created ? 'loaded' : 'already loaded'}`).join('; ') : 'no shipped campaigns to load');
      return 0;
    },
  },
  {
    words: ['load'],
    args: 1,
    run({ services, actor, io, args: [file] }) {
      const { created, campaign } = services.campaigns.importDefinition(readDefinitionFile(file!), actor);
      io.out(`${campaign.id}: ${created ? 'loaded' : 'already loaded, unchanged'} (${campaign.teamCount} teams, ${campaign.targetCount} targets)`);
      return 0;
    },
  },
  {
    words: ['demo-tokens'],
    args: 0,
    run({ services, actor, io, config }) {
      const tokens = services.campaigns.list(actor).flatMap((c) => createDemoTokens(services.auth, services.campaigns, c.id, actor));
      writeDemoTokens(config.demoTokensFile, tokens);
      io.out(`wrote ${tokens.length} tokens to ${config.demoTokensFile}`);
      return 0;
    },
  },
  {
    words: ['tokens', 'list'],
    args: 0,
    options: ['campaign'],
    run({ services, io, options }) {
      const tokens = services.auth.list(options.campaign);
      for (const t of tokens) {
        io.out([t.id, t.prefix, t.role, t.campaignId ?? '*', t.teamNumber ?? '', t.unitId ?? '', t.revokedAt ? 'revoked' : 'active', t.label].join('\t'));
      }
      if (tokens.length === 0) io.out(options.campaign ? `no tokens for ${options.campaign}` : 'no tokens');
      return 0;
    },
  },
  {
    words: ['tokens', 'create'],
    args: 0,
    options: ['role', 'label', 'campaign', 'team', 'unit', 'expires'],
    valid: (o) => roles.includes(o.role as Role) && Boolean(o.label) && positiveInteger(o.team),
    run({ services, actor, io, options: o }) {
      const created = services.auth.create(
        {
          role: o.role as Role,
          label: o.label!,
          ...(o.campaign ? { campaignId: o.campaign } : {}),
          ...(o.team ? { teamNumber: Number(o.team) } : {}),
          ...(o.unit ? { unitId: o.unit } : {}),
          ...(o.expires ? { expiresAt: o.expires } : {}),
        },
        actor,
      );
      const scope = [created.campaignId, created.teamNumber === null ? null : `team ${created.teamNumber}`, created.unitId].filter(Boolean);
      io.out(
        `token ${created.id} created for ${created.role} "${created.label}"${scope.length ? ` (${scope.join(', ')})` : ''}, shown only once: ${created.token}`,
      );
      return 0;
    },
  },
  {
    words: ['tokens', 'revoke'],
    args: 1,
    valid: (_o, [id]) => positiveInteger(id),
    run({ services, actor, io, args: [id] }) {
      const revoked = services.auth.revoke(Number(id), actor);
      io.out(`token ${revoked.id} revoked at ${revoked.revokedAt}`);
      return 0;
    },
  },
  {
    words: ['invite'],
    args: 0,
    options: ['campaign', 'role', 'name', 'team', 'unit'],
    valid: (o) => roles.includes(o.role as Role) && Boolean(o.campaign) && Boolean(o.name) && positiveInteger(o.team),
    run({ services, actor, io, config, options: o }) {
      const input = { name: o.name!, role: o.role as Role, ...(o.team ? { teamNumber: Number(o.team) } : {}), ...(o.unit ? { unitId: o.unit } : {}) };
      const checked = createPersonBody.safeParse(input);
      if (!checked.success) {
        for (const issue of checked.error.issues) io.err(`${issue.path.join('.') || 'person'}: ${issue.message}`);
        return 1;
      }
      const person = services.people.create(o.campaign!, checked.data, actor);
      const { code, expiresAt } = services.people.invite(o.campaign!, person.id, actor);
      io.out(`person ${person.id} "${person.name}" (${person.role}) invited, single-use link valid until ${expiresAt}: ${publicUrlOf(config)}/moi/${code}`);
      return 0;
    },
  },
  {
    words: ['rehearsal'],
    args: 0,
    run({ services, actor, io, config }) {
      const source = seedShippedCampaigns(services.campaigns, actor)[0]?.id;
      if (!source) {
        io.err('no shipped campaign to copy into a rehearsal');
        return 1;
      }
      const rehearsal = ensureRehearsal(services, source, actor);
      if (!rehearsal.created) {
        io.out(
          `${rehearsal.campaignId}: open for registration, kept; its sign-in links were written when it was made (${config.signInLinksFile}); make more with: invite --campaign ${rehearsal.campaignId} …`,
        );
        return 0;
      }
      writeSignInLinks(config.signInLinksFile, publicUrlOf(config), rehearsal);
      io.out(`${rehearsal.campaignId}: made, ${rehearsal.links.length} single-use sign-in links written to ${config.signInLinksFile}`);
      return 0;
    },
  },
  {
    words: ['backup'],
    args: 1,
    run({ database, io, args: [file] }) {
      const written = backupDatabase(database.sqlite, file!);
      io.out(`backup written to ${file} (${written.pages} pages, integrity ${written.integrity})`);
      return written.integrity === 'ok' ? 0 : 1;
    },
  },
];

/** The command the arguments name with its arguments and options, or null when anything is off. */
function parse(argv: string[]): { command: Command; args: string[]; options: Options } | 'help' | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        label: { type: 'string' },
        campaign: { type: 'string' },
        team: { type: 'string' },
        unit: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch {
    return null; // an unknown option, or an option without its value
  }
  const { help, ...options } = parsed.values;
  if (help) return 'help';
  const { positionals } = parsed;
  const command = commands.find((c) => c.words.every((word, i) => positionals[i] === word));
  if (!command) return null;
  const args = positionals.slice(command.words.length);
  if (args.length !== command.args) return null;
  if (Object.keys(options).some((name) => !command.options?.includes(name as keyof Options))) return null;
  if (command.valid && !command.valid(options, args)) return null;
  return { command, args, options };
}

export async function runCli(argv: string[], config: Config, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const parsed = parse(argv);
  if (parsed === 'help') {
    io.out(usage);
    return 0;
  }
  if (parsed === null) {
    io.err(usage);
    return 2;
  }
  const database = openDatabase(config.databaseFile);
  try {
    const services = buildServices(config, database, now);
    return await parsed.command.run({ services, database, config, actor: systemActor('cli'), io, args: parsed.args, options: parsed.options });
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
