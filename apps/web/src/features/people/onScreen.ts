type Stop = () => void;

/** One observer for every element asked about: a member list of thousands costs one, not thousands. */
let observer: IntersectionObserver | null = null;
const callbacks = new Map<Element, (visible: boolean) => void>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
  });
  return observer;
}

/**
 * Runs `start` while `element` is on screen (or in a scrolled list's visible part), and the stop it
 * returns when it leaves. Where the browser cannot tell (no IntersectionObserver), always.
 * Returns the cleanup.
 */
export function whileOnScreen(element: Element, start: () => Stop): Stop {
  if (typeof IntersectionObserver === 'undefined') return start();
  let stop: Stop | null = null;
  callbacks.set(element, (visible) => {
    if (visible && stop === null) stop = start();
    else if (!visible && stop !== null) {
      stop();
      stop = null;
    }
  });
  shared().observe(element);
  return () => {
    callbacks.delete(element);
    observer?.unobserve(element);
    stop?.();
    stop = null;
  };
}
