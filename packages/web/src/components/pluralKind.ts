/** "Components", "APIs", "Policies": a kind as the catalog spells it, made plural for headings and counts. */
export function pluralKind(kind: string): string {
  const label = kind.charAt(0).toUpperCase() + kind.slice(1);
  if (/(s|x|ch|sh)$/i.test(label)) return `${label}es`;
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}
