import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { entityPath, humanizeRef } from './entityRoutes';

/** A link to an entity's page from its ref; the text is the short form people read. */
export function EntityRefLink({
  entityRef,
  title,
  defaultKind,
  withKind,
}: {
  entityRef: string;
  title?: string;
  defaultKind?: string;
  withKind?: boolean;
}) {
  let path: string;
  let text: string;
  try {
    path = entityPath(entityRef);
    text = title ?? humanizeRef(entityRef, { defaultKind, withKind });
  } catch {
    return <span>{entityRef}</span>;
  }
  return (
    <Link component={RouterLink} to={path}>
      {text}
    </Link>
  );
}
