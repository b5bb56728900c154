import type { CampaignDefinitionInput } from '../../src/campaigns/definition.js';

/** A small valid definition: two teams, five units. Tests copy and break it. */
export function miniDefinition(id = 'mini-2024'): CampaignDefinitionInput {
  return {
    format: 'inspection-campaign/v1',
    id,
    title: 'Kiểm tra thử',
    issuingBody: 'Tổ công tác Đề án 06 huyện Thử',
    parentBody: 'UBND huyện Thử',
    placeName: 'Thử',
    window: { start: '2024-03-04', endExclusive: '2024-03-30' },
    registration: { deadlineExclusive: '2024-03-01' },
    teamReport: { deadlineExclusive: '2024-04-05' },
    outlines: {
      set: 'quang-xuong-2023',
      periods: { A: { from: '2023-01-01', to: '2023-12-31' }, B: { from: '2023-01-01', to: '2023-11-30' } },
      byLevel: { district: 'A', commune: 'B' },
    },
    units: [
      { id: 'ca', name: 'Công an huyện', level: 'district', kind: 'police' },
      { id: 'tp', name: 'Phòng Tư pháp', level: 'district', kind: 'department', aliases: ['Phòng tư pháp'] },
      { id: 'nv', name: 'Phòng Nội vụ', level: 'district', kind: 'department' },
      { id: 'xa-a', name: 'Xã An', level: 'commune', kind: 'commune-committee' },
      { id: 'xa-b', name: 'Xã Bình', level: 'commune', kind: 'commune-committee' },
    ],
    teams: [
      { number: 1, leader: 'Công an huyện', members: ['Phòng Nội vụ'], targets: ['Phòng tư pháp', 'Xã An'] },
      { number: 2, leader: 'tp', targets: ['Xã Bình'] },
    ],
  };
}
