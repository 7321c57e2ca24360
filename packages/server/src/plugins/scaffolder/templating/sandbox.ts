import nunjucks from 'nunjucks';

/**
 * Nunjucks compiles `a.b` and `a["b"]` to `runtime.memberLookup` and bare names to
 * `runtime.contextOrFrameLookup`. Through `constructor` any value reaches `Function`, and so
 * `process` (`range.constructor("return process")()`). Template authors and the values users
 * type are not trusted, so those names resolve to nothing. Patched on the shared runtime
 * because compiled templates always call that one module; no legitimate template needs them.
 */
const blocked = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

const isBlocked = (name: unknown) => typeof name === 'string' && blocked.has(name);

interface NunjucksRuntime {
  memberLookup(obj: unknown, val: unknown): unknown;
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
  __greenroomSandboxed?: boolean;
}

export function installSandbox(): void {
  const runtime = (nunjucks as unknown as { runtime: NunjucksRuntime }).runtime;
  if (runtime.__greenroomSandboxed) return;
  const memberLookup = runtime.memberLookup;
  const contextOrFrameLookup = runtime.contextOrFrameLookup;
  runtime.memberLookup = (obj, val) => {
    if (isBlocked(val)) return undefined;
    return memberLookup(obj, val);
  };
  runtime.contextOrFrameLookup = (context, frame, name) => (isBlocked(name) ? undefined : contextOrFrameLookup(context, frame, name));
  runtime.__greenroomSandboxed = true;
}
