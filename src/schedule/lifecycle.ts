import type { VisitStatus } from './tables.js';

// Pure: registered → notified → carried-out → concluded; cancelled (with a reason) from any state but
// concluded. Only registered and notified visits can still move.

const next: Record<VisitStatus, readonly VisitStatus[]> = {
  registered: ['notified'],
  notified: ['carried-out', 'concluded'],
  'carried-out': ['concluded'],
  concluded: [],
  cancelled: [],
};

export function canAdvance(from: VisitStatus, to: VisitStatus): boolean {
  return next[from].includes(to);
}

export function canCancel(from: VisitStatus): boolean {
  return from !== 'concluded' && from !== 'cancelled';
}

export function canMove(from: VisitStatus): boolean {
  return from === 'registered' || from === 'notified';
}

export const statusNames: Record<VisitStatus, string> = {
  registered: 'đã đăng ký',
  notified: 'đã thông báo',
  'carried-out': 'đã kiểm tra',
  concluded: 'đã kết luận',
  cancelled: 'đã hủy',
};
