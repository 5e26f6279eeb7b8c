import { findMentions } from '@parley/protocol';

/**
 * The Markdown subset messages use, parsed into a tree of plain objects that `MessageText` turns into
 * React elements: nothing here is ever HTML, so no input can become markup. Hand-written because the
 * subset is small and a full CommonMark library would cost the initial bundle several times as much.
 * Every step is linear in the input (see `findCloser`), and nesting is capped, so hostile input costs
 * no more than plain text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'mention'; text: string; username: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'codeBlock'; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] };

/** Deeper quotes, lists or emphasis are shown as typed: enough for any real message, and no deep trees. */
const MAX_DEPTH = 8;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href a link may have, or null: only absolute http, https and mailto URLs. The browser's own URL
 * parser decides, so tricks such as tabs, case or leading spaces inside `javascript:` are judged
 * exactly as the browser would judge them; the normalised form is what gets rendered.
 */
export function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
}

export function parseMessage(body: string): Block[] {
  return parseBlocks(body.replace(/\r\n?/g, '\n').split('\n'), 0);
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}> ?/;
const BULLET = /^( {0,3})([-*+])[ \t]+/;
const ORDERED = /^( {0,3})(\d{1,9})[.)][ \t]+/;

interface ListMarker {
  ordered: boolean;
  start: number;
  /** What comes before the item's text: continuation lines are indented at least this much. */
  width: number;
}

function listMarker(line: string): ListMarker | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, start: 1, width: bullet[0].length };
  const ordered = ORDERED.exec(line);
  if (ordered) return { ordered: true, start: Number(ordered[2]), width: ordered[0].length };
  return null;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      // The opening line is the fence plus an optional language, which is not shown.
      const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !close.test(lines[i] ?? '')) {
        code.push(lines[i] ?? '');
        i += 1;
      }
      i += 1; // the closing fence; an unclosed block runs to the end of the message
      blocks.push({ type: 'codeBlock', text: code.join('\n') });
      continue;
    }
    if (depth < MAX_DEPTH && QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) {
        quoted.push((lines[i] ?? '').replace(QUOTE, ''));
        i += 1;
      }
      blocks.push({ type: 'quote', children: parseBlocks(quoted, depth + 1) });
      continue;
    }
    const marker = depth < MAX_DEPTH ? listMarker(line) : null;
    if (marker) {
      const items: Block[][] = [];
      while (i < lines.length) {
        const itemMarker = listMarker(lines[i] ?? '');
        if (!itemMarker || itemMarker.ordered !== marker.ordered) break;
        const itemLines = [(lines[i] ?? '').slice(itemMarker.width)];
        i += 1;
        // Indented lines (a nested list, more text) belong to the item.
        const indent = ' '.repeat(Math.min(itemMarker.width, 4));
        while (i < lines.length && !isBlank(lines[i] ?? '') && (lines[i] ?? '').startsWith(indent)) {
          itemLines.push((lines[i] ?? '').slice(indent.length));
          i += 1;
        }
        items.push(parseBlocks(itemLines, depth + 1));
      }
      blocks.push({ type: 'list', ordered: marker.ordered, start: marker.start, items });
      continue;
    }
    // A paragraph runs until a blank line or the start of another block; its line breaks are kept.
    const text: string[] = [line];
    i += 1;
    while (i < lines.length && !startsBlock(lines[i] ?? '', depth)) {
      text.push(lines[i] ?? '');
      i += 1;
    }
    blocks.push({ type: 'paragraph', children: parseInline(text.join('\n')) });
  }
  return blocks;
}

function startsBlock(line: string, depth: number): boolean {
  if (isBlank(line) || FENCE_OPEN.test(line)) return true;
  if (depth >= MAX_DEPTH) return false;
  if (QUOTE.test(line)) return true;
  // Like CommonMark, a numbered list only interrupts a paragraph when it starts at 1 ("In\n2024. we").
  const marker = listMarker(line);
  return marker !== null && (!marker.ordered || marker.start === 1);
}

// ---------------------------------------------------------------------------------------------------
// Inline content

const EMPHASIS: Record<string, { type: 'strong' | 'em' | 'del'; delimiter: string }[]> = {
  '*': [
    { type: 'strong', delimiter: '**' },
    { type: 'em', delimiter: '*' },
  ],
  _: [
    { type: 'strong', delimiter: '__' },
    { type: 'em', delimiter: '_' },
  ],
  '~': [{ type: 'del', delimiter: '~~' }],
};
const ESCAPABLE = /[\\`*_~[\]()<>#+\-.!@]/;
// Sticky, and bounded so a failed match never rescans the rest of a long word.
const BARE_URL = /(?:https?:\/\/|mailto:)[^\s<>]{1,2048}/iy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Trailing characters that end a sentence rather than a bare URL. */
const URL_TRAILING = /[.,;:!?'"*_~]+$/;

export function parseInline(text: string): Inline[] {
  return new InlineParser(text).parse(0, text.length, 0, true);
}

class InlineParser {
  /**
   * Per range, the position from which a delimiter is known to have no closer. A later opener of the
   * same delimiter in the same range can only look further along, so it fails at once: this keeps
   * inputs like `*a *a *a ...` linear instead of quadratic.
   */
  private readonly noCloserFrom = new Map<string, number>();
  private readonly nextPlain = new Map<string, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  parse(start: number, end: number, depth: number, linksAllowed: boolean): Inline[] {
    const out: Inline[] = [];
    const { text } = this;
    let plain = '';
    const flush = () => {
      if (plain !== '') pushText(out, plain);
      plain = '';
    };
    let i = start;
    while (i < end) {
      const char = text[i] ?? '';
      if (char === '\\' && i + 1 < end && ESCAPABLE.test(text[i + 1] ?? '')) {
        plain += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (char === '`') {
        const run = runLength(text, i, '`', end);
        const close = this.findCodeCloser(i + run, end, run);
        if (close !== -1) {
          flush();
          out.push({ type: 'code', text: stripCodePadding(text.slice(i + run, close)) });
          i = close + run;
        } else {
          plain += text.slice(i, i + run);
          i += run;
        }
        continue;
      }
      const kinds = EMPHASIS[char];
      if (kinds && depth < MAX_DEPTH && canOpen(text, i, char)) {
        const matched = this.matchEmphasis(kinds, i, end, depth, linksAllowed);
        if (matched) {
          flush();
          out.push(matched.node);
          i = matched.next;
          continue;
        }
      }
      if (char === '[' && linksAllowed) {
        const link = this.matchLink(i, end, depth);
        if (link) {
          flush();
          out.push(link.node);
          i = link.next;
          continue;
        }
      }
      if (linksAllowed && (char === 'h' || char === 'H' || char === 'm' || char === 'M')) {
        const bare = this.matchBareUrl(i, end);
        if (bare) {
          flush();
          out.push(bare.node);
          i = bare.next;
          continue;
        }
      }
      plain += char;
      i += 1;
    }
    flush();
    return out;
  }

  private matchEmphasis(
    kinds: { type: 'strong' | 'em' | 'del'; delimiter: string }[],
    i: number,
    end: number,
    depth: number,
    linksAllowed: boolean,
  ): { node: Inline; next: number } | null {
    for (const { type, delimiter } of kinds) {
      if (!this.text.startsWith(delimiter, i)) continue;
      const innerStart = i + delimiter.length;
      // Never empty, and never opening onto a space ("a * b * c" is no emphasis).
      if (innerStart >= end || /\s/.test(this.text[innerStart] ?? ' ')) continue;
      let close = this.findCloser(delimiter, innerStart + 1, end);
      if (close === -1) continue;
      // `***both***` or `**bold *end***`: when the closing run is longer than the delimiter and the
      // text inside leaves a single `*` open, the run's first `*` closes that one, and the strong run
      // closes after it.
      const mark = delimiter[0] ?? '';
      const longerRun = close + delimiter.length < end && this.text[close + delimiter.length] === mark;
      if (delimiter.length > 1 && longerRun) {
        const inner = this.text.slice(innerStart, close).split(delimiter).join('');
        if ((inner.split(mark).length - 1) % 2 === 1) close++;
      }
      const children = this.parse(innerStart, close, depth + 1, linksAllowed);
      return { node: { type, children }, next: close + delimiter.length };
    }
    return null;
  }

  /** The next closing `delimiter` in [from, end): not after a space, and for `_` not inside a word. */
  private findCloser(delimiter: string, from: number, end: number): number {
    const key = `${delimiter}:${end}`;
    const known = this.noCloserFrom.get(key);
    if (known !== undefined && from >= known) return -1;
    const { text } = this;
    let at = text.indexOf(delimiter, from);
    while (at !== -1 && at + delimiter.length <= end) {
      const before = text[at - 1] ?? ' ';
      // What follows the range is not this run's business (the closer of an enclosing run).
      const after = at + delimiter.length < end ? (text[at + delimiter.length] ?? ' ') : ' ';
      const single = delimiter.length === 1;
      const flanking = !/\s/.test(before);
      // `**` is not a closing `*` (it would split a strong run); `_` inside snake_case closes nothing.
      const whole = !single || (after !== delimiter && before !== delimiter);
      const wordOk = delimiter[0] !== '_' || !WORD_CHAR.test(after);
      if (flanking && whole && wordOk) return at;
      at = text.indexOf(delimiter, at + 1);
    }
    this.noCloserFrom.set(key, Math.min(from, known ?? from));
    return -1;
  }

  private findCodeCloser(from: number, end: number, run: number): number {
    const key = `code${run}:${end}`;
    const known = this.noCloserFrom.get(key);
    if (known !== undefined && from >= known) return -1;
    let at = this.text.indexOf('`', from);
    while (at !== -1 && at < end) {
      const length = runLength(this.text, at, '`', end);
      if (length === run) return at;
      at = this.text.indexOf('`', at + length);
    }
    this.noCloserFrom.set(key, Math.min(from, known ?? from));
    return -1;
  }

  /** `[text](url)`; with an unsafe or relative url, null, so all of it is shown as typed. */
  private matchLink(i: number, end: number, depth: number): { node: Inline; next: number } | null {
    const { text } = this;
    const close = this.findPlain(']', i + 1, end);
    if (close === -1 || text[close + 1] !== '(') return null;
    const urlEnd = this.findPlain(')', close + 2, end);
    if (urlEnd === -1) return null;
    const url = text.slice(close + 2, urlEnd).trim();
    if (url === '' || /\s/.test(url)) return null;
    const href = safeHref(url);
    if (href === null || close === i + 1) return null;
    const children = this.parse(i + 1, close, depth + 1, false);
    return { node: { type: 'link', href, children }, next: urlEnd + 1 };
  }

  /** The next `char` in [from, end); remembered, since many openers may look for the same one. */
  private findPlain(char: string, from: number, end: number): number {
    const key = `${char}:${end}`;
    const known = this.nextPlain.get(key);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    let at = this.text.indexOf(char, from);
    if (at >= end) at = -1;
    this.nextPlain.set(key, { from, at });
    return at;
  }

  private matchBareUrl(i: number, end: number): { node: Inline; next: number } | null {
    const { text } = this;
    if (i > 0 && WORD_CHAR.test(text[i - 1] ?? '')) return null;
    BARE_URL.lastIndex = i;
    const match = BARE_URL.exec(text);
    if (!match) return null;
    let url = match[0].slice(0, end - i).replace(URL_TRAILING, '');
    // A closing parenthesis belongs to the URL only if it opened one: "(see https://x.org)".
    while (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    const href = safeHref(url);
    if (href === null || url.length <= 'mailto:'.length) return null;
    return { node: { type: 'link', href, children: [{ type: 'text', text: url }] }, next: i + url.length };
  }
}

function runLength(text: string, at: number, char: string, end: number): number {
  let length = 0;
  while (at + length < end && text[at + length] === char) length += 1;
  return length;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** "`` `x` ``" shows "`x`": one space each side is padding when both are there. */
function stripCodePadding(code: string): string {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code;
}

function canOpen(text: string, i: number, char: string): boolean {
  // snake_case_names stay as typed: `_` opens only at the start of a word.
  return char !== '_' || i === 0 || !WORD_CHAR.test(text[i - 1] ?? '');
}

/** Text, split where it @mentions someone (who is a real member is decided when rendering). */
function pushText(out: Inline[], text: string): void {
  let last = 0;
  for (const mention of findMentions(text)) {
    if (mention.index > last) out.push({ type: 'text', text: text.slice(last, mention.index) });
    out.push({
      type: 'mention',
      text: text.slice(mention.index, mention.index + mention.length),
      username: mention.username,
    });
    last = mention.index + mention.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
}
