import nunjucks from 'nunjucks';
import { InputError } from '../../../core/errors';
import { templateFilters } from './filters';
import { installSandbox } from './sandbox';

installSandbox();

export interface TemplaterOptions {
  /** `${{ }}` (the default, Backstage's) or `{{ }}` (cookiecutter-style skeletons). */
  syntax?: 'dollar' | 'plain';
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  /** Filters added for this renderer, e.g. cookiecutter's `jsonify`. */
  extraFilters?: Record<string, (...args: never[]) => unknown>;
}

// Compiled templates kept per Templater, up to this many characters of source in all.
const COMPILED_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * One Nunjucks environment: no loader (so no include/import/extends reach the disk),
 * no autoescape (output is files and values, not HTML), Greenroom's filters.
 * Compiling is most of the cost of rendering, and a skeleton's files and a template's step
 * inputs are the same text task after task: compiled templates are kept, by source text.
 */
export class Templater {
  private readonly env: nunjucks.Environment;
  private readonly compiled = new Map<string, nunjucks.Template>();
  private compiledChars = 0;

  constructor(options: TemplaterOptions = {}) {
    this.env = new nunjucks.Environment([], {
      autoescape: false,
      throwOnUndefined: false,
      trimBlocks: options.trimBlocks ?? false,
      lstripBlocks: options.lstripBlocks ?? false,
      tags: options.syntax === 'plain' ? {} : { variableStart: '${{', variableEnd: '}}' },
    });
    for (const [name, filter] of Object.entries({ ...templateFilters, ...options.extraFilters })) {
      this.env.addFilter(name, filter as (...args: unknown[]) => unknown);
    }
  }

  /** Renders a template string to text; errors say what failed and where. */
  renderString(template: string, context: Record<string, unknown>, where = 'template'): string {
    try {
      return this.compile(template).render(context);
    } catch (error) {
      const cause = error as Error;
      // Nunjucks wraps filter errors: "(unknown path) [Line 1, Column 4]\n  Error: …".
      const message = cause.message.replace(/^\(unknown path\)\s*/, '').replace(/\n\s*/g, ' ');
      throw new InputError(`Cannot render ${where}: ${message}`);
    }
  }

  /** A Template compiles at its first render; one that fails to compile throws at every render, as renderString did. */
  private compile(source: string): nunjucks.Template {
    let template = this.compiled.get(source);
    if (template) return template;
    template = new nunjucks.Template(source, this.env);
    // Oldest first out, so a long-running server's cache stays bounded.
    for (const [oldest] of this.compiled) {
      if (this.compiledChars + source.length <= COMPILED_CACHE_CHARS) break;
      this.compiled.delete(oldest);
      this.compiledChars -= oldest.length;
    }
    if (source.length <= COMPILED_CACHE_CHARS) {
      this.compiled.set(source, template);
      this.compiledChars += source.length;
    }
    return template;
  }
}

const SINGLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\}).)*)\}\}\s*$/s;

/**
 * Renders `${{ }}` in every string of a value (objects and arrays recursively; keys as written).
 * A string that is one whole expression keeps the expression's type, so
 * `${{ parameters.count }}` stays a number and `${{ parameters.tags }}` an array.
 */
export function renderValue(templater: Templater, value: unknown, context: Record<string, unknown>, where: string): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${{')) return value;
    const single = SINGLE_EXPRESSION.exec(value);
    if (single) {
      const json = templater.renderString(`\${{ (${single[1]}) | json }}`, context, where);
      // JSON.stringify(undefined) renders as nothing: the expression named a missing value.
      return json === '' ? undefined : JSON.parse(json);
    }
    return templater.renderString(value, context, where);
  }
  if (Array.isArray(value)) return value.map((item, index) => renderValue(templater, item, context, `${where}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(templater, item, context, `${where}.${key}`)]));
  }
  return value;
}

/** Backstage's truthiness for `if:` — the strings 'false' and '' are false too. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === 'false') return false;
  return Boolean(value);
}
