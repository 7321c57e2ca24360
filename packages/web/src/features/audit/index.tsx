import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';
import { AUDIT_READ_PERMISSION } from './api';

const AuditPage = lazy(() => import('./AuditPage'));

export const auditFeature: Feature = {
  id: 'audit',
  routes: [{ path: '/admin/audit', element: <AuditPage />, preload: () => import('./AuditPage') }],
  nav: [{ path: '/admin/audit', title: 'Audit log', icon: <ReceiptLongIcon />, order: 95, permission: AUDIT_READ_PERMISSION }],
};
