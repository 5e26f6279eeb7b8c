import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '@parley/protocol';
import { Avatar } from '../people/Avatar';
import { PersonSearch } from '../people/PersonSearch';

interface AuthorFilterProps {
  /** The chosen author, once known; null for anyone. */
  author: Person | null;
  /** A username from the address that is still being looked up, or names nobody. */
  pendingUsername: string | null;
  onChange: (person: Person | null) => void;
}

/** "From": anyone, or one person found by name. */
export function AuthorFilter({ author, pendingUsername, onChange }: AuthorFilterProps) {
  const { t } = useTranslation();
  const id = useId();

  if (author !== null || pendingUsername !== null) {
    return (
      <div className="search-filter">
        <span className="field__label" id={`${id}-label`}>
          {t('search.from')}
        </span>
        <span
          className="search-filter__chosen"
          data-testid="search-author-chosen"
          aria-labelledby={`${id}-label`}
        >
          {author ? (
            <>
              <Avatar displayName={author.displayName} color={author.avatarColor} size="small" />
              {author.displayName}
            </>
          ) : (
            `@${pendingUsername ?? ''}`
          )}
          <button
            type="button"
            className="button button--small"
            data-testid="search-author-clear"
            onClick={() => onChange(null)}
          >
            {t('search.anyone')}
          </button>
        </span>
      </div>
    );
  }

  return (
    <div className="search-filter">
      <PersonSearch
        label={t('search.from')}
        placeholder={t('search.anyone')}
        optionsLabel={t('search.authorOptions')}
        inputTestId="search-author"
        optionTestId="search-author-option"
        onPick={(person, clear) => {
          clear();
          onChange(person);
        }}
      />
    </div>
  );
}
