import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safeRedirect';

describe('safeRedirect', () => {
  it('keeps paths on this site and turns anything else into the home page', () => {
    expect(safeRedirect('/catalog?kind=api#top')).toBe('/catalog?kind=api#top');
    for (const hostile of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, '/signin?redirect=/x']) {
      expect(safeRedirect(hostile)).toBe('/');
    }
  });
});
