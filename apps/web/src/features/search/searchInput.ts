/** The search field's id, so the workspace's shortcut can focus it without loading the search screen. */
export const SEARCH_INPUT_ID = 'search-query';
