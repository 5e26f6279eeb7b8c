import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block, Inline } from './parseMessage';

/** How an `@name` is shown: the reader, another real member, or (null) just text. */
export type MentionKind = 'you' | 'member' | null;

interface MessageTextProps {
  blocks: readonly Block[];
  mentionKind: (username: string) => MentionKind;
}

/**
 * A parsed message as React elements. Only elements and text are created here, never HTML strings,
 * and the only attribute that carries input is a link's href, which `safeHref` has already checked.
 */
export function MessageText({ blocks, mentionKind }: MessageTextProps) {
  const { t } = useTranslation();
  const youLabel = t('mentions.you');
  return <>{renderBlocks(blocks, { mentionKind, youLabel })}</>;
}

interface RenderContext {
  mentionKind: (username: string) => MentionKind;
  youLabel: string;
}

function renderBlocks(blocks: readonly Block[], context: RenderContext): ReactNode[] {
  return blocks.map((block, index) => {
    switch (block.type) {
      case 'paragraph':
        return (
          <p key={index} className="message-text__paragraph">
            {renderInlines(block.children, context)}
          </p>
        );
      case 'codeBlock':
        return (
          <pre key={index} className="message-text__code-block">
            <code>{block.text}</code>
          </pre>
        );
      case 'quote':
        return (
          <blockquote key={index} className="message-text__quote">
            {renderBlocks(block.children, context)}
          </blockquote>
        );
      case 'list': {
        const items = block.items.map((item, itemIndex) => (
          <li key={itemIndex}>{renderBlocks(item, context)}</li>
        ));
        return block.ordered ? (
          <ol key={index} className="message-text__list" start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={index} className="message-text__list">
            {items}
          </ul>
        );
      }
    }
  });
}

function renderInlines(inlines: readonly Inline[], context: RenderContext): ReactNode[] {
  return inlines.map((inline, index) => {
    switch (inline.type) {
      case 'text':
        return <Fragment key={index}>{inline.text}</Fragment>;
      case 'code':
        return (
          <code key={index} className="message-text__code">
            {inline.text}
          </code>
        );
      case 'strong':
        return <strong key={index}>{renderInlines(inline.children, context)}</strong>;
      case 'em':
        return <em key={index}>{renderInlines(inline.children, context)}</em>;
      case 'del':
        return <del key={index}>{renderInlines(inline.children, context)}</del>;
      case 'link':
        return (
          <a key={index} href={inline.href} target="_blank" rel="noopener noreferrer">
            {renderInlines(inline.children, context)}
          </a>
        );
      case 'mention': {
        const kind = context.mentionKind(inline.username);
        if (kind === null) return <Fragment key={index}>{inline.text}</Fragment>;
        return (
          <span
            key={index}
            className={`mention${kind === 'you' ? ' mention--you' : ''}`}
            data-testid="mention"
            data-username={inline.username}
            data-mentions-you={kind === 'you'}
          >
            {inline.text}
            {kind === 'you' ? <span className="visually-hidden"> {context.youLabel}</span> : null}
          </span>
        );
      }
    }
  });
}
