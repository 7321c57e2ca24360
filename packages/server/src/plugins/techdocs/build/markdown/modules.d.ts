// The markdown-it plugins Greenroom uses ship without type declarations; each is a plugin function.
declare module 'markdown-it-deflist' {
  import type { Plugin } from './types';
  const plugin: Plugin;
  export default plugin;
}
declare module 'markdown-it-abbr' {
  import type { Plugin } from './types';
  const plugin: Plugin;
  export default plugin;
}
declare module 'markdown-it-attrs' {
  import type { Md } from './types';
  const plugin: (md: Md, options?: { allowedAttributes?: string[] }) => void;
  export default plugin;
}
declare module 'markdown-it-emoji' {
  import type { Plugin } from './types';
  export const full: Plugin;
}
