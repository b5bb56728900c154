import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Services } from '../app.js';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/tables.js';
import { addWorkingDays } from '../calendar/rules.js';
import { localToday } from '../text/dates.js';

// The rehearsal (diễn tập): the shipped plan copied into a cycle that is still open today, so whoever
// tries the service first can register a visit on the day they read the README. Its dates move with
// the working-day calendar; every page and document says it is a rehearsal. A few visits of other
// teams are registered in it so the board shows real clashes and why. When its registration has
// closed, the next start makes a new one.

export const REHEARSAL_PREFIX = 'dien-tap-';
/** Working days from today to the first day of the rehearsal's window. */
const LEAD_WORKING_DAYS = 10;

export interface SignInLink {
  role: Role;
  description: string;
  /** "/moi/<code>": the link without the service's address, which is known once it listens. */
  path: string;
}

export interface RehearsalResult {
  campaignId: string;
  created: boolean;
  links: SignInLink[];
}

// Other teams' visits registered in every rehearsal, as (working day of the window, session): each
// blocks something team 01 would want, for a reason the board explains.
const SAMPLE_VISITS = [
  // Bảo hiểm xã hội huyện sits on team 01 and is inspected by team 02: team 01 cannot go out then.
  { teamNumber: 2, unitId: 'bhxh', day: 1, session: 'sang' },
  // Phòng Tài chính - Kế hoạch (a target of team 01) leads team 04, out at Phòng Nội vụ.
  { teamNumber: 4, unitId: 'p-nv', day: 2, session: 'chieu' },
  // Phòng Tài nguyên và Môi trường (a target of team 01) leads team 03, out at Phòng Văn hóa - Thông tin.
  { teamNumber: 3, unitId: 'p-vhtt', day: 3, session: 'sang' },
] as const;

const PEOPLE: { role: Role; name: string; team?: number; unit?: string; description: string }[] = [
  { role: 'leader', name: 'Nguyễn Văn An', team: 1, description: 'Trưởng Đoàn 01' },
  { role: 'secretary', name: 'Trần Thị Bình', team: 1, description: 'Thư ký Đoàn 01' },
  { role: 'office', name: 'Lê Thị Hoa', description: 'Cơ quan thường trực' },
  { role: 'member', name: 'Phạm Văn Cường', unit: 'bhxh', description: 'Bảo hiểm xã hội huyện (thành viên Đoàn 01)' },
  { role: 'unit', name: 'Hoàng Thị Dung', unit: 'p-tckh', description: 'Phòng Tài chính - Kế hoạch (đơn vị được kiểm tra)' },
];

/** The rehearsal still open for registration today, or a new one with its sign-in links. */
export function ensureRehearsal(services: Services, sourceId: string, actor: Actor): RehearsalResult {
  const { campaigns, calendar, schedule, people } = services;
  const today = localToday(services.now(), services.config.timeZone);
  const open = campaigns
    .list(actor)
    .filter((c) => c.rehearsal && c.id.startsWith(REHEARSAL_PREFIX))
    .find((c) => (campaigns.rules(c.id).registrationDeadlineExclusive ?? c.window.endExclusive) > today);
  if (open) return { campaignId: open.id, created: false, links: [] };

  const national = calendar.national();
  const source = campaigns.summary(sourceId);
  const id = `${REHEARSAL_PREFIX}${today}`;
  const windowStart = addWorkingDays(national, today, LEAD_WORKING_DAYS);
  // The plan is copied into the rehearsal's year, so its title names that year too: the documents
  // quote it ("về việc …") beside dates of this year.
  const title = `Diễn tập: ${source.title.replace(/năm \d{4}$/, `năm ${windowStart.slice(0, 4)}`)}`;
  const { campaign } = campaigns.copy(
    sourceId,
    { id, title, windowStart, rehearsal: true },
    { source: calendar.forCampaign(sourceId), target: national },
    actor,
  );
  const campaignCalendar = calendar.forCampaign(campaign.id);
  for (const visit of SAMPLE_VISITS) {
    const date = addWorkingDays(campaignCalendar, campaign.window.start, visit.day - 1);
    schedule.register(campaign.id, { teamNumber: visit.teamNumber, unitId: visit.unitId, date, session: visit.session }, actor);
  }
  const links = PEOPLE.map((p) => {
    const person = people.create(
      campaign.id,
      { name: p.name, role: p.role, ...(p.team ? { teamNumber: p.team } : {}), ...(p.unit ? { unitId: p.unit } : {}) },
      actor,
    );
    const { code } = people.invite(campaign.id, person.id, actor);
    return { role: p.role, description: `${p.description}: ${p.name}`, path: `/moi/${code}` };
  });
  return { campaignId: campaign.id, created: true, links };
}

/** Writes the sign-in links as a text file readable only by its owner (they open sessions). */
export function writeSignInLinks(file: string, base: string, result: RehearsalResult): void {
  mkdirSync(dirname(file), { recursive: true });
  const lines = result.links.map((l) => `# ${l.description}\n${base}${l.path}`);
  writeFileSync(file, `# Liên kết đăng nhập của đợt diễn tập ${result.campaignId}: mỗi liên kết dùng được một lần.\n${lines.join('\n')}\n`, { mode: 0o600 });
}
