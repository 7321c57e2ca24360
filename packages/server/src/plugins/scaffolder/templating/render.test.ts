import { describe, expect, it } from 'vitest';
import { isTruthy, renderValue, Templater } from './render';

const templater = new Templater();
const render = (value: unknown, context: Record<string, unknown> = {}) => renderValue(templater, value, context, 'test');

describe('${{ }} expressions', () => {
  const context = {
    parameters: { name: 'shop', count: 3, enabled: false, tags: ['a', 'b'], nested: { deep: { value: 'x' } }, repoUrl: 'github.com?owner=acme&repo=shop' },
    steps: { publish: { output: { remoteUrl: 'https://git.example/acme/shop' } } },
  };

  it('keeps the type of a whole-string expression: numbers, booleans, arrays, objects', () => {
    expect(render('${{ parameters.count }}', context)).toBe(3);
    expect(render(' ${{ parameters.enabled }} ', context)).toBe(false);
    expect(render('${{ parameters.tags }}', context)).toEqual(['a', 'b']);
    expect(render('${{ parameters.nested }}', context)).toEqual({ deep: { value: 'x' } });
    expect(render('${{ parameters.name | upper }}', context)).toBe('SHOP');
  });

  it('renders expressions inside text as text, and leaves {{ }} without the dollar alone', () => {
    expect(render('n=${{ parameters.count }} of ${{ parameters.name }}', context)).toBe('n=3 of shop');
    expect(render('{{ not.an.expression }} and ${{ parameters.name }}', context)).toBe('{{ not.an.expression }} and shop');
    expect(render('plain text', context)).toBe('plain text');
  });

  it('renders every string of nested objects and arrays, leaving keys and other values', () => {
    expect(render({ a: ['${{ parameters.nested.deep.value }}', 1, true, null], '${{ key }}': '${{ steps.publish.output.remoteUrl }}' }, context)).toEqual({
      a: ['x', 1, true, null],
      '${{ key }}': 'https://git.example/acme/shop',
    });
    expect(render('${{ steps["publish"].output.remoteUrl }}', context)).toBe('https://git.example/acme/shop');
  });

  it('renders undefined values as nothing', () => {
    expect(render('${{ parameters.missing }}', context)).toBeUndefined();
    expect(render('x${{ parameters.missing }}y', context)).toBe('xy');
    expect(render('${{ parameters.nested.nope.deeper }}', context)).toBeUndefined();
  });

  it('offers parseRepoUrl, projectSlug, parseEntityRef, pick, json and yaml', () => {
    expect(render('${{ parameters.repoUrl | parseRepoUrl }}', context)).toEqual({ host: 'github.com', owner: 'acme', repo: 'shop' });
    expect(render('${{ (parameters.repoUrl | parseRepoUrl).owner }}', context)).toBe('acme');
    expect(render('${{ parameters.repoUrl | projectSlug }}', context)).toBe('acme/shop');
    expect(render('${{ "team-a" | parseEntityRef({ defaultKind: "group", defaultNamespace: "ops" }) }}', context)).toEqual({ kind: 'group', namespace: 'ops', name: 'team-a' });
    expect(render('${{ "user:default/ada" | parseEntityRef | pick("name") }}', context)).toBe('ada');
    expect(render('x=${{ parameters.tags | json }}', context)).toBe('x=["a","b"]');
    expect(render('${{ parameters.nested | yaml }}', context)).toBe('deep:\n  value: x\n');
    expect(render('${{ parameters.tags | dump }}', context)).toBe('["a","b"]');
  });

  it('reports a failing filter as an input error naming where', () => {
    expect(() => render('${{ "github.com?owner=o" | parseRepoUrl }}', context)).toThrow(/Cannot render test: .*names no repo/);
  });

  it('treats false, "false", empty strings and lists as false for if', () => {
    for (const value of [false, 'false', '', undefined, null, 0, []]) expect(isTruthy(value)).toBe(false);
    for (const value of [true, 'true', 'no', 1, ['x'], {}]) expect(isTruthy(value)).toBe(true);
  });
});

describe('the expression sandbox', () => {
  // Each would set a global if it reached Function: the sandbox holds when nothing is set.
  const escapes = [
    '${{ range.constructor("globalThis.pwned = 1")() }}',
    '${{ cycler.constructor("globalThis.pwned = 1")() }}',
    '${{ parameters.constructor.constructor("globalThis.pwned = 1")() }}',
    '${{ constructor.constructor("globalThis.pwned = 1")() }}',
    '${{ "x"["constructor"]["constructor"]("globalThis.pwned = 1")() }}',
    '${{ parameters.__proto__.constructor.constructor("globalThis.pwned = 1")() }}',
    '${{ joiner["const" + "ructor"]("globalThis.pwned = 1")() }}',
    '${{ parameters.name.toString.constructor("globalThis.pwned = 1")() }}',
    'text ${{ parameters.tags.map.constructor("globalThis.pwned = 1")() }}',
  ];

  it.each(escapes)('cannot reach Function through %s', (expression) => {
    try {
      render(expression, { parameters: { name: 'x', tags: [] } });
    } catch {
      // Failing to render is fine; running code is not.
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('resolves constructor, __proto__ and prototype to nothing', () => {
    expect(render('${{ parameters.constructor }}', { parameters: {} })).toBeUndefined();
    expect(render('${{ parameters["__proto__"] }}', { parameters: {} })).toBeUndefined();
    expect(render('${{ constructor }}', {})).toBeUndefined();
  });

  it('does not let a template change the prototype of the values it sees', () => {
    render('{% set x = parameters.__proto__ %}${{ x }}', { parameters: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads no files: include, import and extends fail', () => {
    for (const tag of ['{% include "/etc/passwd" %}', '{% import "/etc/passwd" as x %}', '{% extends "/etc/passwd" %}']) {
      expect(() => render(`${tag} \${{ 1 }}`)).toThrow(/Cannot render/);
    }
  });
});
