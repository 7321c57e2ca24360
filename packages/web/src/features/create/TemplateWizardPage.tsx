import { Alert } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { permissionReason, usePermission } from '../../permissions/usePermission';
import { createTask, getParameterSchema, templateRefString, type JsonObject } from './api';
import { CreateTabs } from './CreateTabs';
import { Wizard } from './wizard/Wizard';
import { withoutSecrets } from './wizard/values';

/** `?formData=<json>` (Backstage's way to pre-fill a wizard, used by "Start over"). */
function initialValues(raw: string | null): JsonObject {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The wizard of one template: its parameter steps, a review, then a task. */
export default function TemplateWizardPage() {
  const { namespace = 'default', name = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const templateRef = templateRefString({ namespace, name });
  const mayCreate = usePermission('scaffolder.task.create', templateRef);
  const deniedReason = permissionReason(mayCreate, 'You may not run this template: its owners decide who runs it.');
  const schema = useQuery({
    queryKey: ['scaffolder-parameter-schema', templateRef],
    queryFn: () => getParameterSchema({ namespace, name }),
  });
  const create = useMutation({
    mutationFn: createTask,
    onSuccess: ({ id }) => navigate(`/create/tasks/${encodeURIComponent(id)}`),
  });
  const formData = search.get('formData');
  const values = useMemo(() => (schema.data ? withoutSecrets(schema.data.steps, initialValues(formData)) : {}), [schema.data, formData]);

  return (
    <>
      <CreateTabs />
      <PageTitle title={schema.data?.title ?? 'Create'} subtitle={schema.data?.description} />
      {schema.error && <ErrorPanel title="The template could not be loaded" error={schema.error} />}
      {schema.isLoading && <Loading label="Loading the template" />}
      {schema.data && (
        <Wizard
          steps={schema.data.steps}
          initialValues={values}
          finishing={create.isPending}
          finishDeniedReason={deniedReason}
          finishError={create.error && <Alert severity="error">{create.error.message}</Alert>}
          onFinish={({ values: submitted, secrets }) =>
            create.mutate({ templateRef, values: submitted, ...(Object.keys(secrets).length > 0 && { secrets }) })
          }
        />
      )}
    </>
  );
}
