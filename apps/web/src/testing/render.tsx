import type { Locale } from '@crm/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { initI18n, setLocale } from '../lib/i18n';

/** Renders with a fresh QueryClient (no retries), a router and i18n in the given language. */
export async function renderWithProviders(ui: ReactElement, { locale = 'en' as Locale } = {}) {
  initI18n(locale);
  await setLocale(locale);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>{ui}</MemoryRouter>
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
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
