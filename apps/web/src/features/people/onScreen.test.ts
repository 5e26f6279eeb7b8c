import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's observer: the test says what is on screen. */
class FakeObserver {
  static instances: FakeObserver[] = [];
  observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.instances.push(this);
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  show(element: Element, isIntersecting: boolean) {
    this.callback(
      [{ target: element, isIntersecting } as IntersectionObserverEntry],
      this as unknown as IntersectionObserver,
    );
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeObserver.instances = [];
});

describe('whileOnScreen', () => {
  it('runs while the element is in view, through one shared observer', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { whileOnScreen } = await import('./onScreen');
    const [a, b] = [{} as Element, {} as Element];
    const log: string[] = [];
    const track = (name: string) => () => {
      log.push(`start ${name}`);
      return () => log.push(`stop ${name}`);
    };
    const cleanA = whileOnScreen(a, track('a'));
    whileOnScreen(b, track('b'));
    expect(FakeObserver.instances).toHaveLength(1);
    const observer = FakeObserver.instances[0]!;
    expect(log).toEqual([]);

    observer.show(a, true);
    observer.show(a, true);
    observer.show(b, false);
    observer.show(a, false);
    observer.show(a, true);
    cleanA();
    expect(log).toEqual(['start a', 'stop a', 'start a', 'stop a']);
    expect(observer.observed.has(a)).toBe(false);
    expect(observer.observed.has(b)).toBe(true);
  });

  it('runs at once where the browser has no IntersectionObserver', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { whileOnScreen } = await import('./onScreen');
    const stop = vi.fn();
    const cleanup = whileOnScreen({} as Element, () => stop);
    cleanup();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
