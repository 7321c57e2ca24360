import BugReportIcon from '@mui/icons-material/BugReport';
import CategoryIcon from '@mui/icons-material/Category';
import ChatIcon from '@mui/icons-material/Chat';
import CloudIcon from '@mui/icons-material/Cloud';
import DashboardIcon from '@mui/icons-material/Dashboard';
import EmailIcon from '@mui/icons-material/Email';
import GitHubIcon from '@mui/icons-material/GitHub';
import GroupIcon from '@mui/icons-material/Group';
import HelpIcon from '@mui/icons-material/Help';
import LinkIconGlyph from '@mui/icons-material/Link';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PersonIcon from '@mui/icons-material/Person';
import SearchIcon from '@mui/icons-material/Search';

/** Backstage's well-known link icon names; anything else gets a plain link glyph. */
const ICONS: Record<string, typeof LinkIconGlyph> = {
  dashboard: DashboardIcon,
  docs: MenuBookIcon,
  techdocs: MenuBookIcon,
  chat: ChatIcon,
  github: GitHubIcon,
  email: EmailIcon,
  group: GroupIcon,
  user: PersonIcon,
  help: HelpIcon,
  catalog: CategoryIcon,
  search: SearchIcon,
  cloud: CloudIcon,
  issues: BugReportIcon,
};

export function LinkIcon({ name }: { name?: unknown }) {
  const Icon = (typeof name === 'string' && Object.hasOwn(ICONS, name) ? ICONS[name] : undefined) ?? LinkIconGlyph;
  return <Icon fontSize="small" color="action" aria-hidden />;
}
