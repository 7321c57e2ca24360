import { describe, expect, it } from 'vitest';
import { parseGitUrl } from './gitUrl';

const parse = (url: string, gitHosts: string[] = []) => parseGitUrl(new URL(url), new Set(gitHosts));

describe('parseGitUrl', () => {
  it('takes the first two segments as the repository on a github-style host', () => {
    expect(parse('https://github.com/org/repo/blob/main/path/to/catalog-info.yaml?plain=1', ['github.com'])).toMatchObject({
      repoUrl: 'https://github.com/org/repo',
      repoBase: 'https://github.com/org/repo',
      separator: '',
      kind: 'blob',
      rawRest: 'main/path/to/catalog-info.yaml',
      refAndPath: ['main', 'path', 'to', 'catalog-info.yaml'],
    });
  });

  it('reads GitLab /-/blob/ URLs with subgroups', () => {
    expect(parse('https://gitlab.com/group/sub/project/-/blob/v1.0/docs/a.md', ['gitlab.com'])).toMatchObject({
      repoUrl: 'https://gitlab.com/group/sub/project',
      separator: '/-',
      kind: 'blob',
      refAndPath: ['v1.0', 'docs', 'a.md'],
    });
  });

  it('ends the repository at a .git segment on any host', () => {
    expect(parse('http://127.0.0.1:8080/any/path/repo.git/tree/main/docs/')).toMatchObject({
      repoUrl: 'http://127.0.0.1:8080/any/path/repo.git',
      kind: 'tree',
      refAndPath: ['main', 'docs'],
    });
  });

  it('keeps credentials for git but not in the displayed base', () => {
    expect(parse('https://user:token@git.example.com/a/r.git/blob/main/x')).toMatchObject({
      repoUrl: 'https://user:token@git.example.com/a/r.git',
      repoBase: 'https://git.example.com/a/r.git',
    });
  });

  it('decodes path segments', () => {
    expect(parse('https://h.example/a/r.git/blob/main/my%20file.yaml')?.refAndPath).toEqual(['main', 'my file.yaml']);
  });

  it('leaves other URLs to plain http', () => {
    expect(parse('https://github.com/org/repo/blob/main/x.yaml')).toBeUndefined(); // host not configured
    expect(parse('https://github.com/org/repo', ['github.com'])).toBeUndefined();
    expect(parse('https://example.com/files/catalog-info.yaml')).toBeUndefined();
  });

  it('rejects blob URLs without a ref and encoded path tricks', () => {
    expect(() => parse('https://github.com/org/repo/blob/', ['github.com'])).toThrow(expect.objectContaining({ name: 'InputError' }));
    expect(() => parse('https://h.example/r.git/blob/main/a%2Fb')).toThrow(expect.objectContaining({ name: 'InputError' }));
  });
});
