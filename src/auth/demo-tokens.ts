import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CampaignService } from '../campaigns/service.js';
import type { Actor } from './actor.js';
import type { AuthService } from './service.js';
import type { CreateTokenInput } from './schema.js';

export interface DemoToken {
  variable: string;
  description: string;
  token: string;
}

/** One token per role for a seeded campaign, so a new user can try every role at once. */
export function createDemoTokens(auth: AuthService, campaigns: CampaignService, campaignId: string, actor: Actor): DemoToken[] {
  const teams = campaigns.teams(campaignId);
  const team = teams[0]!;
  const units = campaigns.units(campaignId);
  const member =
    units.find((u) => u.roles.some((r) => r.role === 'member') && u.roles.some((r) => r.role === 'target')) ??
    units.find((u) => u.roles.some((r) => r.role === 'member'))!;
  const target = team.targets[0]!;
  const wanted: (CreateTokenInput & { variable: string })[] = [
    { variable: 'OFFICE_TOKEN', role: 'office', label: 'Cơ quan thường trực (demo)' },
    { variable: 'LEADER_TOKEN', role: 'leader', campaignId, teamNumber: team.number, label: `Trưởng ${team.name} (demo)` },
    { variable: 'SECRETARY_TOKEN', role: 'secretary', campaignId, teamNumber: team.number, label: `Thư ký ${team.name} (demo)` },
    { variable: 'MEMBER_TOKEN', role: 'member', campaignId, unitId: member.id, label: `${member.name} (demo)` },
    { variable: 'UNIT_TOKEN', role: 'unit', campaignId, unitId: target.unitId, label: `${target.name} (demo)` },
  ];
  return wanted.map(({ variable, ...input }) => ({
    variable,
    description: input.label,
    token: auth.create(input, actor).token,
  }));
}

/** Writes the tokens as a shell file (". var/demo-tokens.env") readable only by its owner. */
export function writeDemoTokens(file: string, tokens: DemoToken[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const lines = tokens.map((t) => `# ${t.description}\n${t.variable}=${t.token}`);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}
