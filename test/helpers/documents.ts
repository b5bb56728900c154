import type { NoticeInput, NoticeVisit } from '../../src/documents/notice-content.js';
import type { CampaignFacts, TeamFacts } from '../../src/documents/wording.js';

// Document data as the Quảng Xương 2023 campaign gives it, for rendering tests that need no database.

export const qxCampaign: CampaignFacts = {
  id: 'quang-xuong-2023',
  title: 'Kiểm tra kết quả thực hiện các nhiệm vụ của Đề án 06 trên địa bàn huyện Quảng Xương năm 2023',
  issuingBody: 'Tổ công tác Đề án 06 huyện Quảng Xương',
  placeName: 'Quảng Xương',
  planNumber: '/KH-TCTTKĐA06',
  planDate: null,
  standingOfficeName: 'Công an huyện',
  standingOfficeDesk: 'Đội Cảnh sát quản lý hành chính về trật tự xã hội, Công an huyện',
  rehearsal: false,
};

export const qxTeam1: TeamFacts = {
  number: 1,
  name: 'Đoàn kiểm tra số 01',
  leaderUnitName: 'Công an huyện',
  leaderPerson: { name: 'Lê Văn Hùng', title: 'Phó Trưởng Công an huyện' },
  secretaryUnitName: 'Công an huyện',
  members: [
    { name: 'Văn phòng HĐND-UBND huyện', representative: null },
    { name: 'Bảo hiểm xã hội huyện', representative: { name: 'Trần Thị Mai', title: 'Phó Giám đốc' } },
    { name: 'Chi cục Thuế khu vực TP Sầm Sơn - Quảng Xương', representative: null },
  ],
};

export function visit(overrides: Partial<NoticeVisit> & Pick<NoticeVisit, 'id' | 'unitName' | 'date'>): NoticeVisit {
  return {
    unitId: `unit-${overrides.id}`,
    unitLevel: 'district',
    session: 'sang',
    startTime: '07:30',
    endTime: '11:30',
    place: `Trụ sở ${overrides.unitName}`,
    outline: 'A',
    outlinePeriod: { from: '2022-01-01', to: '2023-06-30' },
    ...overrides,
  };
}

export function noticeInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    campaign: qxCampaign,
    team: qxTeam1,
    visits: [
      visit({ id: 11, unitName: 'Phòng Tài chính - Kế hoạch', date: '2023-08-03' }),
      visit({ id: 12, unitName: 'Phòng Lao động - Thương binh và Xã hội', date: '2023-08-04', session: 'chieu', startTime: '13:30', endTime: '17:00' }),
      visit({
        id: 13,
        unitName: 'Xã Quảng Bình',
        unitLevel: 'commune',
        date: '2023-08-07',
        session: 'ca-ngay',
        startTime: '07:30',
        endTime: '17:00',
        outline: 'B',
        outlinePeriod: { from: '2022-01-01', to: '2023-05-31' },
      }),
    ],
    number: 1,
    issueDate: '2023-07-28',
    signerName: null,
    adjusts: [],
    ...overrides,
  };
}
