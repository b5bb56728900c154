import type { AuditEntryView } from '../../audit/schema.js';
import { roleLabel } from '../../auth/roles.js';
import { statusNames } from '../../schedule/lifecycle.js';

// Pure: an audit entry as the office reads it: who (and in which role), what, and the reason.

const actions: Record<string, string> = {
  'visit.register': 'Đăng ký lịch kiểm tra',
  'visit.register.override': 'Đăng ký lịch vượt quy định (cơ quan thường trực, có lý do)',
  'visit.move': 'Đổi lịch kiểm tra',
  'visit.move.override': 'Đổi lịch vượt quy định (cơ quan thường trực, có lý do)',
  'visit.cancel': 'Hủy lịch kiểm tra',
  'visit.reopen': 'Mở lại buổi kiểm tra sau khi thu hồi kết luận',
  'visit.status.notified': 'Đã ban hành thông báo kiểm tra',
  'visit.notice': 'Thông báo kiểm tra mới có hiệu lực cho buổi kiểm tra',
  'visit.status.carried-out': 'Đã tiến hành kiểm tra',
  'visit.status.concluded': 'Đã kết luận',
  'conclusion.draft': 'Lưu dự thảo kết luận',
  'conclusion.publish': 'Ban hành kết luận',
  'conclusion.amend': 'Sửa đổi kết luận',
  'conclusion.withdraw': 'Thu hồi kết luận',
  'recommendation.status': 'Đổi trạng thái kiến nghị',
  'self-report.update': 'Cập nhật báo cáo của đơn vị',
  'self-report.replace': 'Gửi lại toàn bộ báo cáo của đơn vị',
  'self-report.submit': 'Nộp báo cáo của đơn vị',
  'self-report.return': 'Trả lại báo cáo của đơn vị để chỉnh sửa',
  'self-report.signed-scan': 'Tải lên bản báo cáo có chữ ký, đóng dấu',
  'recommendation.answer': 'Đơn vị trả lời việc thực hiện kiến nghị',
  'recommendation.evidence': 'Tải lên minh chứng thực hiện kiến nghị',
  'conclusion.discard-draft': 'Hủy dự thảo kết luận',
  'document.issue-late': 'Ban hành văn bản sau thời hạn (có lý do)',
  'document.record-paper': 'Ghi nhận thông báo kiểm tra đã ban hành trên giấy',
  'document.outdated': 'Văn bản hết hiệu lực đối với buổi kiểm tra',
  'evidence.delete': 'Xóa tài liệu, hình ảnh minh chứng',
  'document.issue': 'Ban hành văn bản',
  'checklist.answer': 'Ghi kết quả nội dung kiểm tra',
  'evidence.upload': 'Tải lên tài liệu, hình ảnh minh chứng',
};

function describe(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof v['date'] === 'string') parts.push(`ngày ${String(v['date']).split('-').reverse().join('/')}`);
  if (typeof v['startTime'] === 'string') parts.push(`${v['startTime']}–${typeof v['endTime'] === 'string' ? v['endTime'] : ''}`);
  if (typeof v['status'] === 'string') parts.push(statusNames[v['status'] as keyof typeof statusNames] ?? `trạng thái ${v['status']}`);
  if (typeof v['place'] === 'string') parts.push(String(v['place']));
  return parts.length > 0 ? parts.join(', ') : null;
}

export function auditLine(entry: AuditEntryView) {
  // A role this page has no word for keeps its code.
  const role = roleLabel(entry.actor.role as Parameters<typeof roleLabel>[0], null) ?? entry.actor.role;
  return {
    id: entry.id,
    at: entry.at,
    who: entry.actor.label,
    role,
    // The code follows small on the page; the words never are the bare code.
    action: actions[entry.action] ?? 'Thay đổi khác',
    code: entry.action,
    before: describe(entry.before),
    after: describe(entry.after),
    reason: entry.reason,
  };
}
