import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { authKeys } from '../features/auth/api/query-keys';
import { LEAVE_CONFIRMED } from '../features/contacts/drafts/leave-guard';
import { setUnauthenticatedHandler } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import { paths } from '../config/paths';
import { createRouter } from './router';

export function App() {
  const [{ queryClient, router }] = useState(() => {
    const queryClient = createQueryClient();
    const router = createRouter(queryClient);
    // A session that ends mid-use (expiry, sign-out elsewhere) leads back to the login page.
    setUnauthenticatedHandler(() => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname !== paths.login.path)
        // The typed outcome is kept as a draft for after sign-in: nothing to ask (ADR 026).
        void router.navigate(paths.login.getHref(here, 'expired'), { replace: true, state: LEAVE_CONFIRMED });
    });
    return { queryClient, router };
  });
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
