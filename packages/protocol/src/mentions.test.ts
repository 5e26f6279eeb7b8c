import { describe, expect, it } from 'vitest';
import { findMentions, mentionedUsernames } from './mentions.js';

describe('findMentions', () => {
  it('finds each @name with where it is, lower-cased', () => {
    expect(findMentions('hi @Bob and @carol_1')).toEqual([
      { index: 3, length: 4, username: 'bob' },
      { index: 12, length: 8, username: 'carol_1' },
    ]);
  });

  it('leaves trailing dots and dashes out of the name, keeps inner ones', () => {
    expect(findMentions('thanks @bob. and @a.b-c--').map((m) => m.username)).toEqual(['bob', 'a.b-c']);
    expect(findMentions('@bob.')[0]).toEqual({ index: 0, length: 4, username: 'bob' });
  });

  it('ignores e-mail addresses, doubled @ and a lone @', () => {
    expect(findMentions('mail bob@example.com, @@bob, x.@bob, @ alone, @.')).toEqual([]);
  });

  it('finds names after punctuation and CJK text but not glued to letters', () => {
    expect(findMentions('(@bob) 你好@carol abc@dave').map((m) => m.username)).toEqual(['bob']);
    expect(findMentions('你好 @carol').map((m) => m.username)).toEqual(['carol']);
  });

  it('takes ASCII names only, so a look-alike letter never stands for another name', () => {
    expect(findMentions('@\u212Aim')).toEqual([]); // KELVIN SIGN, which lower-cases to "k"
  });
});

describe('mentionedUsernames', () => {
  it('lists distinct names in the order they first appear', () => {
    expect(mentionedUsernames('@carol @bob @Carol @bob')).toEqual(['carol', 'bob']);
  });

  it('skips names in inline code and fenced code blocks', () => {
    const body = 'ask @bob, not `@carol`\n```\n@dave\n```\n~~~js\n@erin\n~~~\nand ``x @frank``, @gina';
    expect(mentionedUsernames(body)).toEqual(['bob', 'gina']);
  });

  it('treats an unclosed fence as code to the end', () => {
    expect(mentionedUsernames('@bob\n```\n@carol')).toEqual(['bob']);
  });

  it('counts names after an unmatched backtick', () => {
    expect(mentionedUsernames('it costs `5 @bob')).toEqual(['bob']);
  });
});
