import type { ApiErrorCode } from '../api/ApiError';

/** English, the reference catalog: zh-CN must have exactly these keys (checked by the compiler). */
export const en = {
  app: {
    name: 'Parley',
    loading: 'Loading…',
  },
  auth: {
    signInTitle: 'Sign in to Parley',
    signUpTitle: 'Create your Parley account',
    username: 'Username',
    password: 'Password',
    displayName: 'Display name (optional)',
    submitSignIn: 'Sign in',
    submitSignUp: 'Create account',
    switchToSignUp: 'No account yet? Sign up',
    switchToSignIn: 'Already have an account? Sign in',
    working: 'Please wait…',
    missingFields: 'Enter a username and a password.',
    usernameRule:
      'Usernames are {{min}}–{{max}} characters: lower-case letters, digits, dots, dashes or underscores.',
    passwordRule: 'Passwords need at least {{min}} characters.',
  },
  header: {
    signOut: 'Sign out',
    language: 'Language',
    signedInAs: 'Signed in as',
  },
  connection: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
  },
  room: {
    loadFailed: 'Could not load the room.',
    notFound: 'The #general room does not exist.',
    retry: 'Try again',
  },
  messages: {
    label: 'Messages in #{{room}}',
    loadingOlder: 'Loading older messages…',
    beginning: 'This is the beginning of #{{room}}.',
    empty: 'No messages yet. Say hello!',
    loadFailed: 'Could not load messages.',
    retry: 'Try again',
    jumpToNew: 'New messages',
    sending: 'Sending…',
    failed: 'Not sent',
    failedBecause: 'Not sent: {{reason}}',
    retrySend: 'Retry',
    discard: 'Discard',
  },
  composer: {
    label: 'Message #{{room}}',
    placeholder: 'Message #{{room}}',
    send: 'Send',
    hint: 'Enter to send, Shift+Enter for a new line',
    tooLong: 'This message is {{length}} characters long; the limit is {{max}}. Shorten it to send.',
    counter: '{{length}} / {{max}}',
  },
  errors: {
    validation_failed: 'Some of what you entered is not valid.',
    unauthenticated: 'Your session has ended. Please sign in again.',
    invalid_credentials: 'Wrong username or password.',
    username_taken: 'That username is taken.',
    forbidden_origin: 'This page is not allowed to talk to the server (origin not permitted).',
    not_found: 'Not found.',
    message_id_conflict: 'This message clashes with another one. Copy its text and send it again.',
    payload_too_large: 'That is too large to send.',
    unsupported_media_type: 'The server did not accept the request format.',
    rate_limited: 'Too many requests. Wait a moment and try again.',
    internal_error: 'The server had a problem. Try again shortly.',
    network: 'Cannot reach the server. Check your connection.',
    unknown: 'Something went wrong. Try again.',
  } satisfies Record<ApiErrorCode, string>,
  languages: {
    en: 'English',
    'zh-CN': '简体中文',
  },
};

type CatalogShape<T> = { [K in keyof T]: T[K] extends string ? string : CatalogShape<T[K]> };
export type Catalog = CatalogShape<typeof en>;
