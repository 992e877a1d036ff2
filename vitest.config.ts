import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

// The project list lives in vitest.workspace.ts (the layout the customer asked for); it is
// passed to `test.projects`, the current way to declare it.
export default defineConfig({
  test: { projects },
});
