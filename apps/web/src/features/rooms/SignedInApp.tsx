import type { User } from '@parley/protocol';
import { useLiveEvents } from '../../live/useLiveEvents';
import { OutgoingMessagesProvider } from '../composer/OutgoingMessages';
import { RoomScreen } from './RoomScreen';

/** Everything that exists only while someone is signed in: the stream and the outbox. */
export function SignedInApp({ user }: { user: User }) {
  const status = useLiveEvents(user.id);
  return (
    <OutgoingMessagesProvider key={user.id} user={user}>
      <RoomScreen user={user} status={status} />
    </OutgoingMessagesProvider>
  );
}
