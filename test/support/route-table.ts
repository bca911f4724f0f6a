import type { Express } from 'express';

/** One route as the app registers it: the HTTP method and the path pattern it was declared with. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** The shape of the router@2 internals read here (not in its typings). */
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
  slash?: boolean;
}

const key = (r: RegisteredRoute) => `${r.method} ${r.path}`;

/**
 * Every route of the app, read from Express 5's own router rather than from a list kept by hand,
 * so that a route added tomorrow appears here without anyone remembering to add it.
 * Route layers keep their pattern in `route.path`; a mounted router (`app.use(router)` or
 * `app.use('/prefix', router)`) is a layer whose `handle.stack` is walked with the layer's own
 * mount path (`rawPath`, '/' for the app's modules) as prefix. Regular-expression paths are
 * refused rather than guessed: the expectation table is keyed by readable patterns.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const join = (prefix: string, p: string) => (prefix === '' || prefix === '/' ? p : `${prefix.replace(/\/$/, '')}${p === '/' ? '' : p}`);
  const paths = (p: unknown): string[] => {
    const list = Array.isArray(p) ? p.flat(Infinity) : [p];
    for (const x of list) if (typeof x !== 'string') throw new Error(`chemin de route non textuel : ${String(x)}`);
    return list as string[];
  };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
        for (const p of paths(layer.route.path))
          for (const m of methods) out.push({ method: m === '_all' ? 'ALL' : m.toUpperCase(), path: join(prefix, p) });
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = layer.slash ? ['/'] : paths(layer.rawPath ?? '/');
        for (const p of mount) walk(layer.handle.stack, join(prefix, p));
      }
    }
  };
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  walk(router.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(key(r)) && !!seen.add(key(r)));
}

export const routeKey = key;

/** Fills `:name` parameters from `values`; a parameter with no value is an error of the test, not a skip. */
export function fillPath(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`pas de valeur pour :${name} dans ${pattern}`);
    return encodeURIComponent(String(v));
  });
}

export const isUnsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
