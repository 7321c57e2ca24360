import type { FieldProps } from '@rjsf/utils';
import type { JsonObject } from '../api';

/** The label and help line of a custom field (rjsf leaves both to fields named by `ui:field`). */
export function fieldText(props: FieldProps): { label: string; description?: string; options: JsonObject } {
  const options = (props.uiSchema?.['ui:options'] ?? {}) as JsonObject;
  const label = (props.uiSchema?.['ui:title'] as string | undefined) ?? props.schema.title ?? props.name;
  const description = (props.uiSchema?.['ui:description'] as string | undefined) ?? props.schema.description;
  return { label, description, options };
}
