import { describe, expect, it } from 'vitest';
import { safeUrl } from './safeUrl';

describe('safeUrl', () => {
  it('keeps http, https and mailto addresses', () => {
    expect(safeUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeUrl('http://example.com')).toBe('http://example.com/');
    expect(safeUrl('mailto:team@example.com')).toBe('mailto:team@example.com');
  });

  it('refuses script and data addresses however they are spelled', () => {
    for (const hostile of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
    ]) {
      expect(safeUrl(hostile), hostile).toBeUndefined();
    }
  });

  it('refuses values that are not strings or are empty', () => {
    expect(safeUrl(undefined)).toBeUndefined();
    expect(safeUrl(42)).toBeUndefined();
    expect(safeUrl('   ')).toBeUndefined();
  });
});
