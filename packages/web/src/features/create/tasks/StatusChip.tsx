import { Chip, type ChipProps } from '@mui/material';
import type { StepStatus, TaskStatus } from '../api';

const COLORS: Record<TaskStatus | StepStatus, ChipProps['color']> = {
  open: 'default',
  processing: 'info',
  completed: 'success',
  failed: 'error',
  skipped: 'default',
  cancelled: 'warning',
};

export function StatusChip({ status }: { status: TaskStatus | StepStatus }) {
  return <Chip size="small" label={status} color={COLORS[status] ?? 'default'} variant={status === 'skipped' ? 'outlined' : 'filled'} />;
}
