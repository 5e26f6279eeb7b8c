import type { User } from '@parley/protocol';
import { useLiveEvents } from '../../live/useLiveEvents';
import { OutgoingMessagesProvider } from '../composer/OutgoingMessages';
import { Workspace } from './Workspace';

/** Everything that exists only while someone is signed in: the stream and the outbox. */
export function SignedInApp({ user }: { user: User }) {
  const status = useLiveEvents(user.id);
  return (
    <OutgoingMessagesProvider key={user.id} user={user}>
      <Workspace user={user} status={status} />
    </OutgoingMessagesProvider>
  );
}
