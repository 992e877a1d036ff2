import type { Locale } from '@crm/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { initI18n, loadAllTexts, setLocale } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';

/** A fresh QueryClient with the app's settings (fresh for 30 s, no refetch on focus), without retries. */
export function createTestQueryClient() {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  return queryClient;
}

/**
 * Renders with a router and i18n in the given language, and a fresh QueryClient (no retries;
 * `appCache`: the app's own cache settings, to see what is and is not refetched).
 */
export async function renderWithProviders(
  ui: ReactElement,
  { locale = 'en' as Locale, initialPath = '/', appCache = false } = {},
) {
  initI18n(locale);
  await setLocale(locale);
  await loadAllTexts(); // any screen: every text, as the router's screens load them (ADR 054)
  const queryClient = appCache
    ? createTestQueryClient()
    : new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[initialPath]}>{ui}</MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}

/** Answers fetch calls by URL with JSON; records them. HTTP is faked here, never the database. */
export function stubFetch(
  routes: Record<string, (url: URL, init?: RequestInit) => { status?: number; body: unknown }>,
) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    calls.push({ url: url.pathname + url.search, ...(init ? { init } : {}) });
    const handler = Object.entries(routes).find(([path]) => url.pathname === path)?.[1];
    if (!handler)
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no stub', requestId: 't' } }), {
        status: 404,
      });
    const { status = 200, body } = handler(url, init);
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
