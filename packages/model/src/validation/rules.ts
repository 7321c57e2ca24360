// Field formats of the catalog, matching Backstage's default validators
// (Kubernetes-style names), each paired with a message for the person who
// wrote the YAML.

// Backstage's current DNS label rule lets runs of dashes separate the parts ("a--b").
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

const within = (value: string, max: number) => value.length >= 1 && value.length <= max;

export function isDnsLabel(value: string): boolean {
  return within(value, 63) && DNS_LABEL.test(value);
}

export function isDnsSubdomain(value: string): boolean {
  return within(value, 253) && value.split('.').every(isDnsLabel);
}

export function isObjectName(value: string): boolean {
  return within(value, 63) && OBJECT_NAME.test(value);
}

/** `<suffix>` or `<prefix>/<suffix>`, each part checked separately. */
function isPrefixed(value: string, prefix: (s: string) => boolean, suffix: (s: string) => boolean): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return suffix(parts[0]);
  if (parts.length === 2) return prefix(parts[0]) && suffix(parts[1]);
  return false;
}

export function isValidApiVersion(value: string): boolean {
  return isPrefixed(value, isDnsSubdomain, (s) => within(s, 63) && API_VERSION_SUFFIX.test(s));
}

export function isValidKind(value: string): boolean {
  return within(value, 63) && KIND.test(value);
}

export const isValidEntityName = isObjectName;
export const isValidNamespace = isDnsLabel;

/** Label and annotation keys: `[<dns-subdomain>/]<name>`. */
export function isValidKey(value: string): boolean {
  return isPrefixed(value, isDnsSubdomain, isObjectName);
}

export function isValidLabelValue(value: string): boolean {
  return value === '' || isObjectName(value);
}

export function isValidTag(value: string): boolean {
  return within(value, 63) && TAG.test(value);
}

export function isValidUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isNonBlank(value: string): boolean {
  return value.trim().length > 0;
}

export const MESSAGES = {
  required: 'is required',
  string: 'must be a string',
  nonEmptyString: 'must be a non-empty string',
  mapping: 'must be a mapping (key: value pairs)',
  list: 'must be a list',
  apiVersion:
    'must be [<prefix>/]<version>, e.g. backstage.io/v1alpha1: the prefix a lowercase DNS name, the version 1-63 characters [a-zA-Z0-9]',
  kind: 'must be 1-63 characters [a-zA-Z0-9] starting with a letter, e.g. Component',
  name: 'must be a string of 1-63 characters [a-zA-Z0-9] separated by [-_.]',
  namespace: 'must be a string of 1-63 lowercase characters [a-z0-9] separated by [-], e.g. default',
  key: 'must be [<prefix>/]<name>: the prefix a lowercase DNS name (e.g. example.com), the name 1-63 characters [a-zA-Z0-9] separated by [-_.]',
  labelValue: 'must be empty or a string of 1-63 characters [a-zA-Z0-9] separated by [-_.]',
  tag: 'must be a string of 1-63 lowercase characters [a-z0-9:+#] separated by [-], e.g. java or c++',
  url: 'must be a valid absolute URL, e.g. https://example.com/dashboard',
  // YAML reads unquoted 123, true or 2024-01-01 as non-strings in many tools.
  quoteHint: 'must be a string; quote it in YAML if it looks like a number or true/false',
} as const;

/** Appends the length when that is what broke the rule. */
export function withLength(message: string, value: string, max: number): string {
  return value.length > max ? `${message} (this one has ${value.length})` : message;
}
