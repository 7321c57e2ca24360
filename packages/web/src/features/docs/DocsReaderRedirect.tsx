import { Navigate, useLocation, useParams } from 'react-router';
import { entityPath } from '../../components/entityRoutes';

/**
 * `/docs/:namespace/:kind/:name/*`, Backstage's reader address, opens the same page and heading in
 * the entity's Docs tab, so links written for Backstage keep working.
 */
export default function DocsReaderRedirect() {
  const { namespace = 'default', kind = '', name = '', '*': page = '' } = useParams();
  const { hash } = useLocation();
  return <Navigate replace to={`${entityPath({ namespace, kind, name })}/docs/${page}${hash}`} />;
}
