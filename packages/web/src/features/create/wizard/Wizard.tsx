import { Box, Button, Paper, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import Form from '@rjsf/mui';
import type { CustomValidator } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useState, type ReactNode } from 'react';
import { DeniedTooltip } from '../../../permissions/DeniedTooltip';
import type { JsonObject, ParameterStep } from '../api';
import { fieldExtensionProblem, fieldExtensions } from '../fields';
import { ReviewTable } from './ReviewTable';
import { describeFields, splitUiSchema } from './schema';
import { splitSecrets } from './values';

export interface WizardProps {
  steps: ParameterStep[];
  initialValues?: JsonObject;
  /** Called from the review step with the values (secrets masked) and the secrets apart. */
  onFinish(result: { values: JsonObject; secrets: Record<string, string> }): void;
  finishLabel?: string;
  finishing?: boolean;
  /** Shown on the review step, e.g. the server's refusal. */
  finishError?: ReactNode;
  /** Why the user may not finish (a denied permission); the button is off and explains this. */
  finishDeniedReason?: string;
}

/**
 * The template's parameter steps, one rjsf form each, then a review of every value. A step's
 * errors show once the user tried to leave it; from then on they update as the user types.
 */
export function Wizard({
  steps,
  initialValues = {},
  onFinish,
  finishLabel = 'Create',
  finishing,
  finishError,
  finishDeniedReason,
}: WizardProps) {
  const [active, setActive] = useState(0);
  const [values, setValues] = useState<JsonObject>(initialValues);
  const [attempted, setAttempted] = useState<Set<number>>(new Set());
  const forms = useMemo(() => steps.map((step) => ({ ...splitUiSchema(step.schema), step })), [steps]);
  const reviewing = active === forms.length;

  const attempt = (index: number) => setAttempted((previous) => new Set(previous).add(index));

  return (
    <Stack spacing={3}>
      <Stepper activeStep={active} alternativeLabel>
        {[...steps.map((s) => s.title), 'Review'].map((title) => (
          <Step key={title}>
            <StepLabel>{title}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper variant="outlined" sx={{ p: 3 }}>
        {reviewing ? (
          <Stack spacing={2}>
            <Typography variant="h5" component="h2">
              Review
            </Typography>
            <ReviewTable steps={steps} values={values} />
            {finishError}
            <Stack direction="row" spacing={1}>
              <Button onClick={() => setActive(active - 1)} disabled={finishing}>
                Back
              </Button>
              <DeniedTooltip reason={finishDeniedReason}>
                <Button
                  variant="contained"
                  onClick={() => onFinish(splitSecrets(steps, values))}
                  disabled={finishing || Boolean(finishDeniedReason)}
                >
                  {finishing ? 'Working…' : finishLabel}
                </Button>
              </DeniedTooltip>
            </Stack>
          </Stack>
        ) : (
          <StepForm
            key={active}
            {...forms[active]}
            values={values}
            liveValidate={attempted.has(active)}
            onChange={setValues}
            onError={() => attempt(active)}
            onSubmit={(data) => {
              attempt(active);
              setValues(data);
              setActive(active + 1);
            }}
            onBack={active > 0 ? () => setActive(active - 1) : undefined}
          />
        )}
      </Paper>
    </Stack>
  );
}

function StepForm({
  step,
  schema,
  uiSchema,
  values,
  liveValidate,
  onChange,
  onError,
  onSubmit,
  onBack,
}: {
  step: ParameterStep;
  schema: JsonObject;
  uiSchema: JsonObject;
  values: JsonObject;
  liveValidate: boolean;
  onChange(values: JsonObject): void;
  onError(): void;
  onSubmit(values: JsonObject): void;
  onBack?: () => void;
}) {
  const customValidate = useMemo<CustomValidator<JsonObject>>(() => {
    const fields = describeFields({ schema, uiSchema });
    return (formData, errors) => {
      for (const field of fields) {
        const options = (field.ui['ui:options'] ?? {}) as JsonObject;
        const problem = fieldExtensionProblem(field.ui['ui:field'], formData?.[field.name], options);
        if (problem) (errors as Record<string, { addError(message: string): void } | undefined>)[field.name]?.addError(problem);
      }
      return errors;
    };
  }, [schema, uiSchema]);

  return (
    <Box>
      <Typography variant="h5" component="h2">
        {step.title}
      </Typography>
      {step.description && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {step.description}
        </Typography>
      )}
      <Form
        // The step's title is the heading above; rjsf would repeat it.
        schema={{ ...schema, title: undefined, description: undefined }}
        uiSchema={uiSchema}
        formData={values}
        validator={validator}
        fields={fieldExtensions}
        customValidate={customValidate}
        liveValidate={liveValidate ? 'onChange' : false}
        showErrorList={false}
        noHtml5Validate
        onChange={(event) => onChange(event.formData ?? {})}
        onError={onError}
        onSubmit={(event) => onSubmit(event.formData ?? {})}
      >
        <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
          <Button onClick={onBack} disabled={!onBack}>
            Back
          </Button>
          <Button type="submit" variant="contained">
            Next
          </Button>
        </Stack>
      </Form>
    </Box>
  );
}
