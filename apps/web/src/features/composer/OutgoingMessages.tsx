import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { User } from '@parley/protocol';
import { writeMessageToHistory } from '../../api/historyWriter';
import type { UnconfirmedMessage } from '../../api/messageCache';
import { postMessage } from '../../api/messages';
import { endSession } from '../../api/session';
import { MessageSender } from './MessageSender';
import { Outbox } from './outbox';

interface Outgoing {
  outbox: Outbox;
  sender: MessageSender;
}

const OutgoingContext = createContext<Outgoing | null>(null);

function browserStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

function waitForNetwork(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

/** Owns the signed-in user's outbox and sender; mount it once per user (key it by user id). */
export function OutgoingMessagesProvider({ user, children }: { user: User; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [outgoing] = useState<Outgoing>(() => {
    const outbox = new Outbox(browserStorage(), user.id);
    const sender = new MessageSender({
      outbox,
      post: postMessage,
      onConfirmed: (message) => writeMessageToHistory(queryClient, message),
      onSessionEnded: () => endSession(queryClient),
      waitForNetwork,
    });
    return { outbox, sender };
  });

  // Safe to run twice (StrictMode): a room's sends are queued, and a confirmed one is skipped.
  useEffect(() => outgoing.sender.resumePending(), [outgoing]);

  return <OutgoingContext value={outgoing}>{children}</OutgoingContext>;
}

export function useOutgoing(): Outgoing {
  const outgoing = use(OutgoingContext);
  if (!outgoing) throw new Error('useOutgoing needs an OutgoingMessagesProvider');
  return outgoing;
}

export function useUnconfirmedMessages(roomId: string): readonly UnconfirmedMessage[] {
  const { outbox } = useOutgoing();
  return useSyncExternalStore(outbox.subscribe, () => outbox.inRoom(roomId));
}
