import { useQuery } from '@tanstack/react-query';
import { memo, useCallback, useMemo } from 'react';
import { membersQuery } from '../../api/rooms';
import { currentUserQuery } from '../../api/session';
import { mentionKindOf } from '../formatting/mentionKind';
import { MessageText, type MentionKind } from '../formatting/MessageText';
import { parseMessage, type Block, type Inline } from '../formatting/parseMessage';

interface MessageBodyProps {
  roomId: string;
  body: string;
  /**
   * Ids of the members the server found mentioned; undefined while the server does not have the
   * message yet (then any current member's name counts, as the server will count it).
   */
  mentions: readonly string[] | undefined;
}

/** A message's text with its Markdown formatting and @mentions; parsed again only when the body changes. */
export const MessageBody = memo(function MessageBody({ roomId, body, mentions }: MessageBodyProps) {
  const blocks = useMemo(() => parseMessage(body), [body]);
  const hasMentions = useMemo(() => blocks.some(blockMentions), [blocks]);
  const reader = useQuery(currentUserQuery).data;
  // The members list (shared with the members panel and the composer) maps names to ids; only
  // fetched for a message that has an @name in it.
  const members = useQuery({ ...membersQuery(roomId), enabled: hasMentions }).data;

  const mentionKind = useCallback(
    (username: string): MentionKind => mentionKindOf(username, { members, mentions, reader }),
    [members, mentions, reader],
  );

  return (
    <div className="message__body message-text" data-testid="message-body">
      <MessageText blocks={blocks} mentionKind={mentionKind} />
    </div>
  );
});

function blockMentions(block: Block): boolean {
  switch (block.type) {
    case 'paragraph':
      return block.children.some(inlineMentions);
    case 'codeBlock':
      return false;
    case 'quote':
      return block.children.some(blockMentions);
    case 'list':
      return block.items.some((item) => item.some(blockMentions));
  }
}

function inlineMentions(inline: Inline): boolean {
  if (inline.type === 'mention') return true;
  return 'children' in inline && inline.children.some(inlineMentions);
}
