import { twoDigits } from '../text/vietnamese.js';
import type { Role } from './tables.js';

// Roles as the pages and invitation cards name them.

const names: Record<Role, string> = {
  office: 'Cơ quan thường trực',
  leader: 'Trưởng đoàn',
  secretary: 'Thư ký đoàn',
  member: 'Đơn vị thành viên đoàn',
  unit: 'Đơn vị được kiểm tra',
};

/** "Trưởng Đoàn 01", "Thư ký Đoàn 02", "Cơ quan thường trực". */
export function roleLabel(role: Role | 'system' | 'anonymous', teamNumber: number | null): string {
  if (role === 'system') return 'Hệ thống';
  if (role === 'anonymous') return 'Chưa đăng nhập';
  if ((role === 'leader' || role === 'secretary') && teamNumber !== null) {
    return `${role === 'leader' ? 'Trưởng' : 'Thư ký'} Đoàn ${twoDigits(String(teamNumber))}`;
  }
  return names[role];
}
