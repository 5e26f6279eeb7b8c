import { describe, expect, it } from 'vitest';
import { inviteLink, ROUTES } from './routes';

describe('routes', () => {
  it('builds the full invite link on the web app’s origin, escaping the token', () => {
    expect(inviteLink('https://chat.example.org', 'ab/c d')).toBe(
      'https://chat.example.org/invite/ab%2Fc%20d',
    );
    expect(inviteLink('http://127.0.0.1:3000/', 'tok')).toBe('http://127.0.0.1:3000/invite/tok');
  });

  it('escapes room ids in room paths', () => {
    expect(ROUTES.room('r/1')).toBe('/rooms/r%2F1');
  });
});
