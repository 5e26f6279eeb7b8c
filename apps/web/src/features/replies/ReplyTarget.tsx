import { createContext, use, useState, type ReactNode } from 'react';
import type { QuotedMessage } from '@parley/protocol';

type SetReplyTarget = (target: QuotedMessage | null) => void;

const TargetContext = createContext<QuotedMessage | null>(null);
// Apart from the target, so that rows (which only start a reply) do not re-render when it changes.
const SetTargetContext = createContext<SetReplyTarget | null>(null);

/** The message the composer of one room is replying to. Mount it per room. */
export function ReplyTargetProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<QuotedMessage | null>(null);
  return (
    <SetTargetContext value={setTarget}>
      <TargetContext value={target}>{children}</TargetContext>
    </SetTargetContext>
  );
}

export function useReplyTarget(): QuotedMessage | null {
  return use(TargetContext);
}

export function useSetReplyTarget(): SetReplyTarget {
  const setTarget = use(SetTargetContext);
  if (!setTarget) throw new Error('useSetReplyTarget needs a ReplyTargetProvider');
  return setTarget;
}
