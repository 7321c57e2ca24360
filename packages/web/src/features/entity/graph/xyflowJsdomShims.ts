/**
 * jsdom lacks the layout APIs xyflow measures with. These stand-ins give every element a
 * fixed size so the graph renders in component tests; they are for tests only.
 */
export function installXyflowJsdomShims() {
  class FixedSizeResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      const entry = { target, contentRect: { width: 800, height: 480 } } as unknown as ResizeObserverEntry;
      this.callback([entry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver ??= FixedSizeResizeObserver as unknown as typeof ResizeObserver;

  class IdentityMatrix {
    readonly m22: number = 1;
    constructor(transform?: string) {
      // xyflow reads the zoom level from the viewport's `scale(…)`.
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      if (scale) this.m22 = Number(scale);
    }
  }
  globalThis.DOMMatrixReadOnly ??= IdentityMatrix as unknown as typeof DOMMatrixReadOnly;

  Object.defineProperties(HTMLElement.prototype, {
    offsetWidth: { configurable: true, get: () => 800 },
    offsetHeight: { configurable: true, get: () => 480 },
  });
  (SVGElement.prototype as unknown as { getBBox(): DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 60, height: 16 }) as DOMRect;
}
