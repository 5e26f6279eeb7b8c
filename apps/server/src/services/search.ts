import type { SearchPage, SearchQuery, User } from '@parley/protocol';
import { LIMITS } from '@parley/protocol';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import { highlightRanges, searchTerms } from './search-terms.js';

/** Full-text search over the rooms the reader is in now; see store/search.ts for how it matches. */
export class SearchService {
  constructor(private readonly store: Store) {}

  async search(user: User, query: SearchQuery): Promise<SearchPage> {
    const terms = searchTerms(query.q);
    // The same 404 as for a room that does not exist: a private room's existence is not revealed.
    if (query.roomId !== undefined && !(await this.store.rooms.role(query.roomId, user.id))) {
      throw new AppError('not_found', 'No such room');
    }
    const { messages, nextBefore } = await this.store.search.find({
      userId: user.id,
      terms,
      roomId: query.roomId,
      authorId: query.authorId,
      before: query.before,
      limit: query.limit ?? LIMITS.searchPageDefault,
    });
    return {
      hits: messages.map((message) => ({ message, highlights: highlightRanges(message.body, terms) })),
      nextBefore,
    };
  }
}
