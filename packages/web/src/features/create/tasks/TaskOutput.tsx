import { Box, Button, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { entityPath } from '../../../components/entityRoutes';
import { safeUrl } from '../../../components/safeUrl';
import type { OutputLink, TaskOutput as Output } from '../api';

/** A finished task's links (an entity ref opens its catalog page) and texts (shown as plain text, never as HTML). */
export function TaskOutput({ output }: { output: Output }) {
  const links = (output.links ?? []).filter((link) => link && (link.entityRef || link.url));
  const texts = (output.text ?? []).filter((text) => text && text.content);
  if (links.length === 0 && texts.length === 0) return null;
  return (
    <Stack spacing={2} component="section" aria-label="Output">
      {links.length > 0 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {links.map((link, index) => (
            <OutputLinkButton key={index} link={link} />
          ))}
        </Stack>
      )}
      {texts.map((text, index) => (
        <Box key={index}>
          {text.title && <Typography variant="subtitle2">{text.title}</Typography>}
          <Box component="pre" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'monospace', fontSize: 13, m: 0 }}>
            {text.content}
          </Box>
        </Box>
      ))}
    </Stack>
  );
}

function OutputLinkButton({ link }: { link: OutputLink }) {
  const title = link.title ?? link.entityRef ?? link.url;
  if (link.entityRef) {
    let path: string | undefined;
    try {
      path = entityPath(link.entityRef);
    } catch {
      path = undefined;
    }
    if (path) {
      return (
        <Button variant="outlined" component={RouterLink} to={path}>
          {title}
        </Button>
      );
    }
  }
  const url = safeUrl(link.url);
  // A template's output is data; a javascript: link must not become clickable.
  if (!url) return <Button disabled>{title}</Button>;
  return (
    <Button variant="outlined" href={url} target="_blank" rel="noopener noreferrer">
      {title}
    </Button>
  );
}
