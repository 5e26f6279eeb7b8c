// @vitest-environment jsdom
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/createI18n';
import { MessageText, type MentionKind } from './MessageText';
import { parseMessage } from './parseMessage';

const i18n = createI18n();
const mounted: { container: HTMLElement; root: Root }[] = [];
afterEach(() => {
  for (const { container, root } of mounted.splice(0)) {
    root.unmount();
    container.remove();
  }
});

const MEMBERS: Record<string, MentionKind> = { bob: 'you', alice: 'member' };
const mentionKind = (username: string): MentionKind => MEMBERS[username] ?? null;

/** Renders a message body into the real (jsdom) DOM, as the app does; `into` reuses a container. */
function render(body: string, into?: { container: HTMLElement; root: Root }): HTMLElement {
  let target = into;
  if (!target) {
    const container = document.createElement('div');
    document.body.append(container);
    target = { container, root: createRoot(container) };
    mounted.push(target);
  }
  const { container, root } = target;
  flushSync(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <MessageText blocks={parseMessage(body)} mentionKind={mentionKind} />
      </I18nextProvider>,
    ),
  );
  return container;
}

describe('MessageText', () => {
  it('renders each construct as its element', () => {
    const dom = render('**b** *i* ~~s~~ `c`\n\n```\n<b>x</b>\n```\n\n- one\n- two\n\n1. first\n\n> quoted');
    expect(dom.querySelector('strong')?.textContent).toBe('b');
    expect(dom.querySelector('em')?.textContent).toBe('i');
    expect(dom.querySelector('del')?.textContent).toBe('s');
    expect(dom.querySelector('p > code')?.textContent).toBe('c');
    expect(dom.querySelector('pre > code')?.textContent).toBe('<b>x</b>');
    expect(dom.querySelector('b')).toBeNull();
    expect([...dom.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(dom.querySelector('ol > li')?.textContent).toBe('first');
    expect(dom.querySelector('blockquote')?.textContent).toBe('quoted');
  });

  it('opens links in a new tab without an opener or referrer', () => {
    const dom = render('[docs](https://example.com/d) and https://example.org');
    const links = [...dom.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/d',
      'https://example.org/',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('shows a link with a dangerous scheme as plain text', () => {
    const dom = render('[click](javascript:alert(1))');
    expect(dom.querySelector('a')).toBeNull();
    expect(dom.textContent).toBe('[click](javascript:alert(1))');
  });

  it('renders again when the body changes (an edit)', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const target = { container, root: createRoot(container) };
    mounted.push(target);
    render('**first**', target);
    expect(container.querySelector('strong')?.textContent).toBe('first');
    render('_edited_', target);
    expect(container.querySelector('strong')).toBeNull();
    expect(container.querySelector('em')?.textContent).toBe('edited');
  });

  it('highlights mentions of members, the reader more strongly, and nobody else', () => {
    const dom = render('@alice @bob @carol `@alice`');
    const mentions = [...dom.querySelectorAll('[data-testid="mention"]')];
    expect(mentions.map((m) => m.getAttribute('data-username'))).toEqual(['alice', 'bob']);
    expect(mentions.map((m) => m.getAttribute('data-mentions-you'))).toEqual(['false', 'true']);
    expect(mentions[1]?.textContent).toBe('@bob (mentions you)');
    expect(mentions[1]?.classList.contains('mention--you')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Fuzzing: many generated hostile bodies, each rendered into the DOM and checked for anything active.

const ALLOWED_TAGS = new Set([
  'DIV',
  'P',
  'PRE',
  'CODE',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'STRONG',
  'EM',
  'DEL',
  'A',
  'SPAN',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'class',
  'href',
  'target',
  'rel',
  'start',
  'data-testid',
  'data-username',
  'data-mentions-you',
]);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

const SCHEMES = [
  'javascript:',
  'JavaScript:',
  'JAVASCRIPT:',
  ' javascript:',
  'java\tscript:',
  'java\nscript:',
  'java&#x09;script:',
  'javascript&#58;',
  '&#106;avascript:',
  '\u0000javascript:',
  '\u001fjavascript:',
  'jav\u00adascript:',
  'data:',
  'DATA:',
  'data:text/html;base64,',
  'vbscript:',
  'VbScRiPt:',
  'file:',
  '//',
  'https:',
  'mailto:',
];
const PAYLOADS = [
  'alert(1)',
  'alert`1`',
  '%61lert(1)',
  'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<script>alert(1)</script>',
];
const HTML = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//x.test/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<div onmouseover="alert(1)">x</div>',
  '<style>*{}</style>',
  '<math><mtext><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '&lt;script&gt;',
  '<!--',
  ']]>',
];
const MARKUP = [
  '**',
  '*',
  '__',
  '_',
  '~~',
  '`',
  '```',
  '~~~',
  '> ',
  '- ',
  '1. ',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '\n',
  '\n\n',
  '  ',
  '@bob',
  '@alice',
  'http://',
  'https://x.test/',
];

/** A small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostileBody(next: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 12);
  for (let i = 0; i < count; i += 1) {
    const scheme = pick(SCHEMES);
    const payload = pick(PAYLOADS);
    switch (Math.floor(next() * 6)) {
      case 0:
        parts.push(`[${pick(MARKUP)}x${pick(MARKUP)}](${scheme}${payload})`);
        break;
      case 1:
        parts.push(`${scheme}${payload}`);
        break;
      case 2:
        parts.push(pick(HTML));
        break;
      case 3:
        parts.push(`${pick(MARKUP)}${pick(HTML)}${pick(MARKUP)}`);
        break;
      case 4:
        parts.push(`[${pick(HTML)}](${scheme}${payload})`);
        break;
      default:
        parts.push(pick(MARKUP));
    }
  }
  return parts.join(pick(['', ' ', '\n']));
}

/** What is active or unexpected in a rendered body: nothing, for any input. */
function activeParts(container: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of container.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(element.tagName)) found.push(`<${element.tagName}>`);
    for (const attribute of element.attributes) {
      if (!ALLOWED_ATTRIBUTES.has(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
    }
  }
  for (const link of container.querySelectorAll('a')) {
    // Resolved the way a click would resolve it.
    const scheme = new URL(link.getAttribute('href') ?? '', 'https://parley.test/').protocol;
    if (!SAFE_SCHEMES.has(scheme)) found.push(`href ${link.getAttribute('href')}`);
    if (link.getAttribute('rel') !== 'noopener noreferrer') found.push(`rel ${link.getAttribute('rel')}`);
    if (link.getAttribute('target') !== '_blank') found.push(`target ${link.getAttribute('target')}`);
  }
  return found;
}

function expectInert(container: HTMLElement, body: string): void {
  expect(container.querySelector('script, [src], [srcdoc], [style], [onerror], [onload]')).toBeNull();
  expect(activeParts(container), JSON.stringify(body.slice(0, 200))).toEqual([]);
}

describe('MessageText with hostile input', () => {
  it('never renders an active element, handler or dangerous link (2,000 generated bodies)', () => {
    const next = random(20261124);
    const container = document.createElement('div');
    document.body.append(container);
    const target = { container, root: createRoot(container) };
    mounted.push(target);
    let links = 0;
    let mentions = 0;
    for (let i = 0; i < 2000; i += 1) {
      const body = hostileBody(next);
      render(body, target);
      links += container.querySelectorAll('a').length;
      mentions += container.querySelectorAll('[data-testid="mention"]').length;
      const found = activeParts(container);
      if (found.length > 0) expect(found, JSON.stringify(body)).toEqual([]);
      if (container.querySelector('script, [src], [srcdoc], [style]')) expectInert(container, body);
    }
    // The generator does reach the interesting cases: real links and mentions, not only text.
    expect(links).toBeGreaterThan(100);
    expect(mentions).toBeGreaterThan(100);
  }, 30_000);

  it('renders every hostile HTML snippet as its own text', () => {
    for (const snippet of HTML) {
      const dom = render(snippet);
      expectInert(dom, snippet);
      expect(dom.textContent).toBe(snippet);
    }
  });

  it('survives deep nesting, unclosed fences and huge bodies without throwing', () => {
    const bodies = [
      '>'.repeat(10_000) + ' deep',
      '- '.repeat(5_000) + 'x',
      '**'.repeat(20_000),
      '*_~'.repeat(20_000),
      '['.repeat(10_000) + '](javascript:alert(1))',
      '```\n' + '<script>alert(1)</script>\n'.repeat(5_000),
      '`'.repeat(10_001),
      '[x](javascript:alert(1)) **<img src=x onerror=alert(1)>** @bob\n'.repeat(2_000),
      'x'.repeat(200_000),
    ];
    for (const body of bodies) {
      const dom = render(body);
      expectInert(dom, body);
    }
  }, 30_000);
});
