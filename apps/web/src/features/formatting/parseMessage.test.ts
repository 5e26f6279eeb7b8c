import { describe, expect, it } from 'vitest';
import { parseInline, parseMessage, safeHref, type Inline } from './parseMessage';

const text = (value: string): Inline => ({ type: 'text', text: value });

describe('parseInline', () => {
  it('reads bold, italic and strikethrough, nested too', () => {
    expect(parseInline('**bold** *it* ~~gone~~')).toEqual([
      { type: 'strong', children: [text('bold')] },
      text(' '),
      { type: 'em', children: [text('it')] },
      text(' '),
      { type: 'del', children: [text('gone')] },
    ]);
    expect(parseInline('__b _i_ b__')).toEqual([
      { type: 'strong', children: [text('b '), { type: 'em', children: [text('i')] }, text(' b')] },
    ]);
  });

  it('reads ***both*** and **bold *end*** with no stray stars', () => {
    const both = { type: 'strong', children: [{ type: 'em', children: [text('both')] }] };
    expect(parseInline('***both***')).toEqual([both]);
    expect(parseInline('say ***both*** now')).toEqual([text('say '), both, text(' now')]);
    expect(parseInline('**bold *end***')).toEqual([
      { type: 'strong', children: [text('bold '), { type: 'em', children: [text('end')] }] },
    ]);
    expect(parseInline('**a***')).toEqual([{ type: 'strong', children: [text('a')] }, text('*')]);
  });

  it('leaves snake_case, lone stars and unclosed runs as typed', () => {
    expect(parseInline('my_var_name')).toEqual([text('my_var_name')]);
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('**open')).toEqual([text('**open')]);
  });

  it('keeps inline code literal, markdown and mentions included', () => {
    expect(parseInline('run `**x** @bob` now')).toEqual([
      text('run '),
      { type: 'code', text: '**x** @bob' },
      text(' now'),
    ]);
    expect(parseInline('`` a`b ``')).toEqual([{ type: 'code', text: 'a`b' }]);
    expect(parseInline('`unclosed')).toEqual([text('`unclosed')]);
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not em\\*')).toEqual([text('*not em*')]);
  });

  it('links [text](url) and bare URLs, leaving sentence punctuation out', () => {
    expect(parseInline('[docs](https://example.com/a)')).toEqual([
      { type: 'link', href: 'https://example.com/a', children: [text('docs')] },
    ]);
    expect(parseInline('see https://example.com/x.')).toEqual([
      text('see '),
      { type: 'link', href: 'https://example.com/x', children: [text('https://example.com/x')] },
      text('.'),
    ]);
    expect(parseInline('(https://example.com/wiki/A_(b))')).toEqual([
      text('('),
      {
        type: 'link',
        href: 'https://example.com/wiki/A_(b)',
        children: [text('https://example.com/wiki/A_(b)')],
      },
      text(')'),
    ]);
    expect(parseInline('[mail](mailto:a@example.com)')).toEqual([
      { type: 'link', href: 'mailto:a@example.com', children: [text('mail')] },
    ]);
  });

  it('shows links with any other scheme, or none, as typed', () => {
    for (const input of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html,hi)',
      '[x](vbscript:msgbox)',
      '[x](/relative)',
      '[x](javascript&#58;alert(1))',
    ]) {
      const parsed = parseInline(input);
      expect(parsed.some((node) => node.type === 'link')).toBe(false);
    }
  });

  it('splits out @mentions, but not e-mail addresses', () => {
    expect(parseInline('hi @Bob. and a@b.c')).toEqual([
      text('hi '),
      { type: 'mention', text: '@Bob', username: 'bob' },
      text('. and a@b.c'),
    ]);
  });
});

describe('safeHref', () => {
  it('allows http, https and mailto only, judged as the browser would', () => {
    expect(safeHref('HTTPS://Example.com')).toBe('https://example.com/');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref(' javascript:alert(1)')).toBeNull();
    expect(safeHref('java\tscript:alert(1)')).toBeNull();
    expect(safeHref('\u0001javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('//example.com')).toBeNull();
  });
});

describe('parseMessage', () => {
  it('reads paragraphs, keeping single line breaks inside them', () => {
    expect(parseMessage('one\ntwo\n\nthree')).toEqual([
      { type: 'paragraph', children: [text('one\ntwo')] },
      { type: 'paragraph', children: [text('three')] },
    ]);
  });

  it('reads fenced code blocks verbatim; an unclosed one runs to the end', () => {
    expect(parseMessage('```ts\nconst a = **1**;\n<b>\n```\nafter')).toEqual([
      { type: 'codeBlock', text: 'const a = **1**;\n<b>' },
      { type: 'paragraph', children: [text('after')] },
    ]);
    expect(parseMessage('~~~\nopen\n\nstill code')).toEqual([
      { type: 'codeBlock', text: 'open\n\nstill code' },
    ]);
  });

  it('reads bulleted and numbered lists, nested by indentation', () => {
    expect(parseMessage('Todo:\n- a\n  - a1\n- **b**')).toEqual([
      { type: 'paragraph', children: [text('Todo:')] },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            { type: 'paragraph', children: [text('a')] },
            {
              type: 'list',
              ordered: false,
              start: 1,
              items: [[{ type: 'paragraph', children: [text('a1')] }]],
            },
          ],
          [{ type: 'paragraph', children: [{ type: 'strong', children: [text('b')] }] }],
        ],
      },
    ]);
    expect(parseMessage('3. c\n4. d')).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [
          [{ type: 'paragraph', children: [text('c')] }],
          [{ type: 'paragraph', children: [text('d')] }],
        ],
      },
    ]);
  });

  it('reads block quotes, nested ones too', () => {
    expect(parseMessage('> said\n>> before\nreply')).toEqual([
      {
        type: 'quote',
        children: [
          { type: 'paragraph', children: [text('said')] },
          { type: 'quote', children: [{ type: 'paragraph', children: [text('before')] }] },
        ],
      },
      { type: 'paragraph', children: [text('reply')] },
    ]);
  });

  it('does not start a numbered list in the middle of a sentence', () => {
    expect(parseMessage('back in\n2024. it was')).toEqual([
      { type: 'paragraph', children: [text('back in\n2024. it was')] },
    ]);
  });

  it('stays fast on pathological input', () => {
    const inputs = [
      '*a '.repeat(50_000),
      '[['.repeat(50_000),
      '`'.repeat(3000) + ' ``'.repeat(20_000),
      'http://['.repeat(20_000),
      '>'.repeat(50_000) + ' deep',
      '- '.repeat(50_000),
      '_a'.repeat(50_000),
      '**a'.repeat(50_000),
    ];
    const started = performance.now();
    for (const input of inputs) parseMessage(input);
    expect(performance.now() - started).toBeLessThan(10_000); // quadratic work would take minutes
  });
});
