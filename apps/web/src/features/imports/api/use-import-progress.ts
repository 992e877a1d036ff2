import { useQuery } from '@tanstack/react-query';
import { fetchImportProgress } from './upload-import';

/** Polls the server's progress of the import with this id while it runs. */
export const useImportProgress = (importId: string | null) =>
  useQuery({
    queryKey: ['imports', 'progress', importId],
    queryFn: () => fetchImportProgress(importId!),
    enabled: importId !== null,
    refetchInterval: 750,
    gcTime: 0,
  });
