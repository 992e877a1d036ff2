import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

/**
 * One feature of the API, as app.ts sees it: a name, the URL paths it answers under (relative to
 * /api), and the plugin that registers its routes. What other modules need from it (a service, a
 * hook) is returned beside it by its `create...Module` function, built from typed dependencies.
 *
 * The paths are a promise the plugin keeps: a route outside them fails at start-up, so the URL of
 * any endpoint tells which module folder holds it (docs/architecture.md).
 */
export interface ApiModule {
  name: string;
  paths: readonly string[];
  plugin: FastifyPluginAsync;
}

/** True when `path` is `root` or lies under it (`/accounts` holds `/accounts/:id`, not `/accountsx`). */
export function pathIsUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** The module that owns a path: the one declaring the longest path it lies under. */
export function ownerOf(path: string, modules: readonly Pick<ApiModule, 'name' | 'paths'>[]): string | null {
  let owner: string | null = null;
  let longest = -1;
  for (const module of modules) {
    for (const root of module.paths) {
      if (pathIsUnder(path, root) && root.length > longest) {
        owner = module.name;
        longest = root.length;
      }
    }
  }
  return owner;
}

/**
 * Registers each module's routes, checking that each belongs to the module registering it: it lies
 * under one of the module's paths, and no other module declares a longer path it lies under
 * (`/accounts/:id/case-file` belongs to case-file, not to accounts, which declares `/accounts`).
 */
export async function registerModules(app: FastifyInstance, modules: readonly ApiModule[]): Promise<void> {
  for (const module of modules) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        const path = route.url.slice(scope.prefix.length);
        const owner = ownerOf(path, modules);
        if (owner !== module.name) {
          throw new Error(
            `Route ${String(route.method)} ${route.url} is registered by module '${module.name}' but belongs to ` +
              (owner ? `module '${owner}'` : 'no module') +
              ` (${module.name} declares ${module.paths.join(', ')}): move it to the module that owns its path, or declare the path.`,
          );
        }
      });
      await scope.register(module.plugin);
    });
  }
}
