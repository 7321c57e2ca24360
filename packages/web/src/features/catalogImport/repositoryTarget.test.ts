import { describe, expect, it } from 'vitest';
import { catalogFileTarget, urlProblem } from './repositoryTarget';

describe('catalogFileTarget', () => {
  it('keeps a URL of a YAML file as it is', () => {
    expect(catalogFileTarget('https://github.com/org/repo/blob/main/catalog-info.yaml')).toBe(
      'https://github.com/org/repo/blob/main/catalog-info.yaml',
    );
    expect(catalogFileTarget(' https://example.com/a/entities.yml ')).toBe('https://example.com/a/entities.yml');
  });

  it('turns a repository URL into its catalog-info.yaml on the default branch', () => {
    expect(catalogFileTarget('https://github.com/org/repo')).toBe('https://github.com/org/repo/blob/HEAD/catalog-info.yaml');
    expect(catalogFileTarget('https://github.com/org/repo/')).toBe('https://github.com/org/repo/blob/HEAD/catalog-info.yaml');
    expect(catalogFileTarget('http://127.0.0.1:9000/team/app.git')).toBe('http://127.0.0.1:9000/team/app.git/blob/HEAD/catalog-info.yaml');
    expect(catalogFileTarget('https://gitlab.example.com/group/sub/repo')).toBe(
      'https://gitlab.example.com/group/sub/repo/-/blob/HEAD/catalog-info.yaml',
    );
  });
});

describe('urlProblem', () => {
  it('explains what is wrong with input that is not an http(s) URL', () => {
    expect(urlProblem('')).toMatch(/Enter the URL/);
    expect(urlProblem('github.com/org/repo')).toMatch(/not a URL/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/https:\/\//);
    expect(urlProblem('https://github.com/org/repo')).toBeUndefined();
  });
});
