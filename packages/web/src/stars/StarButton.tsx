import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import { IconButton, Tooltip } from '@mui/material';
import { useStarredEntities } from './useStarredEntities';

/** Star toggle for one entity; announces its state to screen readers. */
export function StarButton({ entityRef, title, size = 'medium' }: { entityRef: string; title: string; size?: 'small' | 'medium' }) {
  const { isStarred, toggle } = useStarredEntities();
  const starred = isStarred(entityRef);
  const label = starred ? `Remove ${title} from starred` : `Add ${title} to starred`;
  return (
    <Tooltip title={label}>
      <IconButton aria-label={label} aria-pressed={starred} onClick={() => toggle(entityRef)} size={size}>
        {starred ? <StarIcon sx={{ color: '#f3b81a' }} fontSize={size} /> : <StarBorderIcon fontSize={size} />}
      </IconButton>
    </Tooltip>
  );
}
