import { placeDateLine, shortDate } from '../text/dates.js';
import { planCitation } from '../text/plan.js';
import { MOTTO, NATIONAL_TITLE, type Nd30Header, type Signature } from '../render/layout.js';
import { twoDigits } from '../text/vietnamese.js';

// Wording shared by every document of a team (Nghị định 30/2020, Phụ lục I and III).

export interface CampaignFacts {
  id: string;
  title: string;
  issuingBody: string;
  placeName: string;
  planNumber: string | null;
  planDate: string | null;
  standingOfficeName: string | null;
  standingOfficeDesk: string | null;
  /** A rehearsal (diễn tập) campaign: its documents are marked so on every page. */
  rehearsal: boolean;
}

export interface TeamFacts {
  number: number;
  /** As the plan names it ("Đoàn kiểm tra số 01" unless the definition says otherwise). */
  name: string;
  leaderUnitName: string;
  leaderPerson: { name: string; title: string | null } | null;
  secretaryUnitName: string;
  members: { name: string; representative: { name: string; title: string | null } | null }[];
}

export const upper = (value: string) => value.toLocaleUpperCase('vi');
const lowerFirst = (value: string) => value.charAt(0).toLocaleLowerCase('vi') + value.slice(1);

/** "ĐKT01": the team's symbol after the document type ("01/TB-ĐKT01"). */
export const teamSymbol = (teamNumber: number) => `ĐKT${twoDigits(teamNumber)}`;

/** Numbers below 10 get a leading zero (Nghị định 30/2020). */
export function numberLabel(number: number, series: string, teamNumber: number): string {
  return `${twoDigits(number)}/${series}-${teamSymbol(teamNumber)}`;
}

function lastDayOfMonth(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/** "từ năm 2022 đến hết tháng 6/2023", as the plan words its report periods. */
export function periodText(period: { from: string; to: string }): string {
  const from = period.from.endsWith('-01-01') ? `từ năm ${period.from.slice(0, 4)}` : `từ ngày ${shortDate(period.from)}`;
  const [y, m] = period.to.split('-').map(Number) as [number, number];
  const to = lastDayOfMonth(period.to) ? `đến hết tháng ${m}/${y}` : `đến hết ngày ${shortDate(period.to)}`;
  return `${from} ${to}`;
}

export function header(campaign: CampaignFacts, team: TeamFacts, numberLine: string, issueDate: string): Nd30Header {
  return {
    parentBody: upper(campaign.issuingBody),
    issuingBody: upper(team.name),
    nationalTitle: NATIONAL_TITLE,
    motto: MOTTO,
    numberLine,
    placeDate: placeDateLine(campaign.placeName, issueDate),
  };
}

/** "Số: 01/TB-ĐKT01"; a draft leaves the number blank for the office to fill in. */
export function numberLine(number: number | null, series: string, teamNumber: number): string {
  return number === null ? `Số:      /${series}-${teamSymbol(teamNumber)}` : `Số: ${numberLabel(number, series, teamNumber)}`;
}

export function planReference(campaign: CampaignFacts): string {
  return `Căn cứ ${planCitation(campaign.planNumber, campaign.planDate)} của ${campaign.issuingBody} về việc ${lowerFirst(campaign.title)};`;
}

export function standingOfficeLine(campaign: CampaignFacts): string {
  const office = campaign.standingOfficeName ? `${campaign.standingOfficeName} - ` : '';
  return `- ${office}Cơ quan Thường trực ${campaign.issuingBody} (để b/c);`;
}

/** The last line of Nơi nhận: "- Lưu: VT, ĐKT01." */
export const archiveLine = (teamNumber: number) => `- Lưu: VT, ${teamSymbol(teamNumber)}.`;

export function leaderSignature(team: TeamFacts, signerName: string | null): Signature {
  return { authority: null, title: 'TRƯỞNG ĐOÀN', name: signerName ?? team.leaderPerson?.name ?? null };
}

/** "Đồng chí Nguyễn Văn A - Phó Trưởng Công an huyện" (the unit is added unless the title names it). */
function person(p: { name: string; title: string | null }, unit: string): string {
  const title = p.title ?? 'Lãnh đạo';
  const role = title.toLocaleLowerCase('vi').includes(unit.toLocaleLowerCase('vi')) ? title : `${title} ${unit}`;
  return `Đồng chí ${p.name} - ${role}`;
}

/** Lines of "Thành phần Đoàn kiểm tra": the leader, each member unit, the secretary. */
export function compositionLines(team: TeamFacts): string[] {
  const leader = team.leaderPerson ? person(team.leaderPerson, team.leaderUnitName) : `Lãnh đạo ${team.leaderUnitName}`;
  return [
    `- Trưởng đoàn: ${leader};`,
    ...team.members.map((m) => `- Thành viên: ${m.representative ? person(m.representative, m.name) : `Lãnh đạo ${m.name}`};`),
    `- Thư ký: cán bộ, chuyên viên ${team.secretaryUnitName}.`,
  ];
}
