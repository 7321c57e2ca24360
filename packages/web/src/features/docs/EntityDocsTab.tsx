import { Alert, Box, Button, Chip, Link, List, ListItemButton, ListItemText, Paper, Stack, Typography, useTheme } from '@mui/material';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import type { EntityContentProps } from '../../app/extensions';
import { stringifyEntityRef } from '@greenroom/model';
import { entityPath } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ExternalLink } from '../../components/ExternalLink';
import { Loading } from '../../components/Loading';
import { safeUrl } from '../../components/safeUrl';
import { docsSiteOf, staticBase, useDocsMetadata, useDocsPage, useDocsStatus, type DocsNavNode, type SiteAddress } from './api';
import { DocsSearch } from './DocsSearch';
import { docsContentStyles } from './docsStyles';
import { readPage } from './readerPage';

/** The entity's documentation: site navigation, the page, its contents, neighbours and build state. */
export default function EntityDocsTab({ entity }: EntityContentProps) {
  const site = docsSiteOf(entity);
  if (!site) return <Alert severity="info">This entity has no documentation.</Alert>;
  return <DocsReader entity={entity} site={site} />;
}

/** The reader for `site`, shown on `entity`'s page (they differ when the entity shows another entity's docs). */
function DocsReader({ entity, site }: EntityContentProps & { site: SiteAddress }) {
  const page = useParams()['*'] ?? '';
  const readerBase = `${entityPath(entity)}/docs/`;
  const status = useDocsStatus(site);
  const built = Boolean(status.data?.builtAt);
  const metadata = useDocsMetadata(site, built);
  const source = useDocsPage(site, page, built);
  const parsed = useMemo(
    () => (source.data ? readPage(source.data, page, readerBase, staticBase(site)) : undefined),
    [source.data, page, readerBase],
  ); // eslint-disable-line react-hooks/exhaustive-deps
  const content = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { hash } = useLocation();
  const mode = useTheme().palette.mode;

  useEffect(() => {
    if (!parsed) return;
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo?.(0, 0);
    const diagrams = content.current?.querySelectorAll<HTMLElement>('pre.mermaid') ?? [];
    if (diagrams.length) void drawDiagrams([...diagrams], mode);
  }, [parsed, hash, mode]);

  if (status.error) return <ErrorPanel title="The documentation status could not be loaded" error={status.error} />;
  if (!status.data) return <Loading label="Loading documentation" />;
  if (!built) {
    if (status.data.state === 'failed') return <Alert severity="error">The documentation could not be built: {status.data.error}</Alert>;
    if (status.data.state === 'none')
      return (
        <Alert severity="info">The documentation has not been built yet; it will be shortly after the catalog reads this entity.</Alert>
      );
    return <Alert severity="info">The documentation is being built; this page updates when it is ready.</Alert>;
  }

  // Links between pages stay in the portal: a click navigates instead of loading the page.
  const onClick = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a[data-docs-page]');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href')!);
  };

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
      <Paper component="nav" aria-label="Documentation" variant="outlined" sx={{ width: { md: 240 }, flexShrink: 0, p: 1 }}>
        <Typography variant="subtitle2" sx={{ px: 1 }}>
          {metadata.data?.site_name}
        </Typography>
        <DocsNav nodes={metadata.data?.nav ?? []} current={page} readerBase={readerBase} />
      </Paper>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="caption" color="text.secondary">
            Built {new Date(status.data.builtAt!).toLocaleString()}
          </Typography>
          {status.data.state === 'failed' && <Chip size="small" color="error" label={`Last build failed: ${status.data.error}`} />}
          {parsed?.editUrl && (
            <ExternalLink href={parsed.editUrl}>
              <Typography variant="caption">Edit this page</Typography>
            </ExternalLink>
          )}
        </Stack>
        <DocsSearch entityRef={stringifyEntityRef({ kind: site.kind, namespace: site.namespace, name: site.name })} />
        {status.data.warnings.length > 0 && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            <Typography variant="body2">{status.data.warnings.length} warning(s) in the last build:</Typography>
            <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label="Build warnings">
              {status.data.warnings.map((w, i) => (
                <li key={i}>
                  <code>
                    {w.file}
                    {w.line ? `:${w.line}` : ''}
                  </code>{' '}
                  {w.message}
                </li>
              ))}
            </Box>
          </Alert>
        )}
        {source.error && <ErrorPanel title="This page could not be loaded" error={source.error} />}
        {!parsed && !source.error && <Loading label="Loading the page" />}
        {parsed && (
          <>
            <Box
              ref={content}
              className="greenroom-docs"
              onClick={onClick}
              sx={docsContentStyles}
              dangerouslySetInnerHTML={{ __html: parsed.html }}
            />
            <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 4 }}>
              {parsed.previous ? (
                <Button component={RouterLink} to={`${readerBase}${parsed.previous.page}`}>
                  ← {parsed.previous.title}
                </Button>
              ) : (
                <span />
              )}
              {parsed.next && (
                <Button component={RouterLink} to={`${readerBase}${parsed.next.page}`}>
                  {parsed.next.title} →
                </Button>
              )}
            </Stack>
          </>
        )}
      </Box>
      {parsed && parsed.toc.length > 0 && (
        <Box component="nav" aria-label="On this page" sx={{ width: { md: 200 }, flexShrink: 0, position: { md: 'sticky' }, top: 16 }}>
          <Typography variant="subtitle2">On this page</Typography>
          {parsed.toc.map((entry) => (
            <Link
              key={entry.id}
              component={RouterLink}
              to={`${readerBase}${page}#${entry.id}`}
              sx={{ display: 'block', pl: (entry.level - 2) * 1.5, fontSize: 14 }}
            >
              {entry.title}
            </Link>
          ))}
        </Box>
      )}
    </Stack>
  );
}

function DocsNav({ nodes, current, readerBase, depth = 0 }: { nodes: DocsNavNode[]; current: string; readerBase: string; depth?: number }) {
  return (
    <List dense disablePadding>
      {nodes.map((node, i) =>
        node.children ? (
          <Box key={i}>
            <ListItemText
              primary={node.title}
              sx={{ pl: 1 + depth * 2, mt: 1 }}
              slotProps={{ primary: { variant: 'caption', color: 'text.secondary' } }}
            />
            <DocsNav nodes={node.children} current={current} readerBase={readerBase} depth={depth + 1} />
          </Box>
        ) : node.url ? (
          <ListItemButton
            key={i}
            component="a"
            href={safeUrl(node.url)}
            target="_blank"
            rel="noopener noreferrer"
            sx={{ pl: 1 + depth * 2 }}
          >
            <ListItemText primary={`${node.title} ↗`} />
          </ListItemButton>
        ) : (
          <ListItemButton
            key={i}
            component={RouterLink}
            to={`${readerBase}${node.path ?? ''}`}
            selected={node.path === current}
            aria-current={node.path === current ? 'page' : undefined}
            sx={{ pl: 1 + depth * 2 }}
          >
            <ListItemText primary={node.title} />
          </ListItemButton>
        ),
      )}
    </List>
  );
}

/** Mermaid draws in the browser, loaded only for pages that have a diagram; scripts in diagrams stay off. */
async function drawDiagrams(nodes: HTMLElement[], mode: 'light' | 'dark') {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: mode === 'dark' ? 'dark' : 'default' });
  await mermaid.run({ nodes }).catch(() => undefined);
}
