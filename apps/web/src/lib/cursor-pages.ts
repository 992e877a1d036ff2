/**
 * The API's keyset paging, for `infiniteQueryOptions`: the first page is asked for without a
 * cursor, each next one with the `nextCursor` of the page before (none: the last page).
 */
export const cursorPages = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};

/** A list's path with its filters and, after the first page, the page's cursor. */
export function pagePath(path: string, filters: URLSearchParams, cursor: string | null): string {
  const params = new URLSearchParams(filters);
  if (cursor) params.set('cursor', cursor);
  return `${path}?${params}`;
}
