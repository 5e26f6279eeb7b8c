import { useQueries, useQuery } from '@tanstack/react-query';
import { memo, useCallback, useMemo } from 'react';
import { usernameQuery } from '../../api/people';
import { currentUserQuery } from '../../api/session';
import { mentionKindOf } from '../formatting/mentionKind';
import { MessageText, type MentionKind } from '../formatting/MessageText';
import { parseMessage, type Block, type Inline } from '../formatting/parseMessage';

interface MessageBodyProps {
  body: string;
  /**
   * Ids of the members the server found mentioned; undefined while the server does not have the
   * message yet (then anyone by the name counts, until the server says).
   */
  mentions: readonly string[] | undefined;
}

/** A message's text with its Markdown formatting and @mentions; parsed again only when the body changes. */
export const MessageBody = memo(function MessageBody({ body, mentions }: MessageBodyProps) {
  const blocks = useMemo(() => parseMessage(body), [body]);
  const reader = useQuery(currentUserQuery).data;
  const names = useMemo(
    () => [...new Set(blocks.flatMap(mentionedNames))].filter((name) => name !== reader?.username),
    [blocks, reader?.username],
  );
  // Who each @name is (a room can have thousands of members, so not from its member list): the
  // names of every message on screen are looked up together, and each only once.
  const people = useQueries({ queries: names.map((name) => usernameQuery(name)), combine: dataOf });

  const mentionKind = useCallback(
    (username: string): MentionKind => {
      const person = people[names.indexOf(username)];
      return mentionKindOf(username, { person, mentions, reader });
    },
    [people, names, mentions, reader],
  );

  return (
    <div className="message__body message-text" data-testid="message-body">
      <MessageText blocks={blocks} mentionKind={mentionKind} />
    </div>
  );
});

/** Outside the component, so that React Query keeps the combined array while no answer changes. */
function dataOf<T>(results: readonly { data: T }[]): T[] {
  return results.map((result) => result.data);
}

function mentionedNames(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return block.children.flatMap(inlineNames);
    case 'codeBlock':
      return [];
    case 'quote':
      return block.children.flatMap(mentionedNames);
    case 'list':
      return block.items.flatMap((item) => item.flatMap(mentionedNames));
  }
}

function inlineNames(inline: Inline): string[] {
  if (inline.type === 'mention') return [inline.username];
  return 'children' in inline ? inline.children.flatMap(inlineNames) : [];
}
