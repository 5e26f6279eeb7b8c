import type { KeyboardEvent } from 'react';

/**
 * Enter also confirms an IME candidate (Chinese, Japanese input); that must not send or save.
 * Safari ends the composition before the keydown, so only its keyCode 229 tells.
 */
export function isComposingText(event: KeyboardEvent): boolean {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only signal Safari gives
  return event.nativeEvent.isComposing || event.keyCode === 229;
}
