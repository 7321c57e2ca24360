import { Link, Table, TableBody, TableCell, TableHead, TableRow, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { EntityRefLink } from '../../../components/EntityRefLink';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { useQueryParam } from '../../../components/useQueryParam';
import { getCurrentUserRef, listTasks, type SerializedTask } from '../api';
import { CreateTabs } from '../CreateTabs';
import { StatusChip } from './StatusChip';

/** Past and running tasks, the user's own by default (`?owner=all` for everyone's). */
export default function TaskListPage() {
  const [ownerParam, setOwnerParam] = useQueryParam('owner');
  const user = useQuery({ queryKey: ['scaffolder-current-user'], queryFn: getCurrentUserRef, staleTime: Infinity });
  // Without a signed-in user there is no "mine": everyone's tasks are the only list.
  const mine = ownerParam !== 'all' && Boolean(user.data);
  const tasks = useQuery({
    queryKey: ['scaffolder-tasks', mine ? user.data : 'all'],
    queryFn: () => listTasks({ createdBy: mine ? user.data : undefined }),
    enabled: !user.isLoading,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <CreateTabs />
      <PageTitle
        title="Tasks"
        subtitle="Every run of a template, newest first."
        actions={
          <ToggleButtonGroup
            exclusive
            size="small"
            value={mine ? 'mine' : 'all'}
            onChange={(_event, value: string | null) => value && setOwnerParam(value === 'all' ? 'all' : undefined)}
            aria-label="Whose tasks"
          >
            <ToggleButton value="mine" disabled={!user.data}>
              Mine
            </ToggleButton>
            <ToggleButton value="all">All</ToggleButton>
          </ToggleButtonGroup>
        }
      />
      {tasks.error && <ErrorPanel title="The tasks could not be loaded" error={tasks.error} />}
      {tasks.isLoading || user.isLoading ? (
        <Loading label="Loading tasks" />
      ) : !tasks.data?.tasks.length ? (
        <EmptyState title={mine ? 'You have not run a template yet' : 'No template has run yet'}>
          Choose a template under Templates to create something.
        </EmptyState>
      ) : (
        <Table size="small" aria-label="Tasks">
          <TableHead>
            <TableRow>
              <TableCell>Template</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tasks.data.tasks.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function TaskRow({ task }: { task: SerializedTask }) {
  const template = task.spec.templateInfo;
  const title = template?.entity?.metadata?.title ?? template?.entity?.metadata?.name ?? template?.entityRef ?? task.id;
  return (
    <TableRow hover>
      <TableCell>
        <Link component={RouterLink} to={`/create/tasks/${encodeURIComponent(task.id)}`}>
          {title}
        </Link>
      </TableCell>
      <TableCell>
        <StatusChip status={task.status} />
      </TableCell>
      <TableCell>{new Date(task.createdAt).toLocaleString()}</TableCell>
      <TableCell>{task.createdBy ? <EntityRefLink entityRef={task.createdBy} defaultKind="user" /> : '—'}</TableCell>
    </TableRow>
  );
}
