import type { CampaignDefinitionInput } from '../../src/campaigns/definition.js';

/**
 * A campaign for write streams against a real server (which reads the real clock): its window opens
 * 40 days after today and lasts a year, so registrations are in time; four teams with ten communes
 * each, no unit in two roles, so a team's visits only clash with its own.
 */
export function crashCampaign(id: string, today = new Date()): CampaignDefinitionInput {
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const teams = [1, 2, 3, 4];
  return {
    format: 'inspection-campaign/v1',
    id,
    title: 'Đợt kiểm tra thử độ bền',
    issuingBody: 'Tổ công tác Đề án 06 huyện Thử',
    parentBody: 'UBND huyện Thử',
    placeName: 'Thử',
    window: { start: day(40), endExclusive: day(400) },
    registration: { deadlineExclusive: day(39) },
    outlines: {
      set: 'quang-xuong-2023',
      periods: { A: { from: '2023-01-01', to: '2023-12-31' }, B: { from: '2023-01-01', to: '2023-11-30' } },
      byLevel: { district: 'A', commune: 'B' },
    },
    units: [
      ...teams.map((n) => ({ id: `phong-${n}`, name: `Phòng số ${n}`, level: 'district' as const, kind: 'department' as const })),
      ...teams.flatMap((n) =>
        Array.from({ length: 10 }, (_, i) => ({
          id: `xa-${n}-${i}`,
          name: `Xã Thử ${n}-${i}`,
          level: 'commune' as const,
          kind: 'commune-committee' as const,
        })),
      ),
    ],
    teams: teams.map((n) => ({
      number: n,
      leader: `phong-${n}`,
      targets: Array.from({ length: 10 }, (_, i) => `xa-${n}-${i}`),
    })),
  };
}
