import type MarkdownIt from 'markdown-it';

// markdown-it's declarations are a CommonJS `export =`; these are the types its plugins use.
export type Md = InstanceType<typeof MarkdownIt>;
export type Plugin = (md: Md) => void;
export type StateBlock = Parameters<Md['block']['tokenize']>[0];
export type StateCore = Parameters<Parameters<Md['core']['ruler']['push']>[1]>[0];
export type Token = StateCore['tokens'][number];
export type StateInline = Parameters<Parameters<Md['inline']['ruler']['push']>[1]>[0];
