/**
 * What each source kind expects, in words for the Add/Edit form, and the check run before a
 * source is saved (the host checks again; this catches typing mistakes early).
 */
import type { SourceConfig, SourceKind } from '../../../../shared/contract';
import type { OpenEOSourceAuth } from '../../../../shared/openeo/service';
import { i18n } from '../../i18n';

export type EditableKind = Exclude<SourceKind, 'sample'>;

export interface KindInfo {
  kind: EditableKind;
  label: string;
  hint: string;
  placeholder: string;
  /** What the location may be. */
  accepts: 'path' | 'url' | 'path-or-url';
}

export const KINDS: KindInfo[] = [
  {
    kind: 'folder',
    label: 'Local folder',
    hint: 'A folder on this computer, scanned recursively (headers only): multi-band GeoTIFFs, Landsat *_B1.TIF… with *_MTL.txt, Sentinel-2 band files.',
    placeholder: '/data/imagery/sindh-2022',
    accepts: 'path',
  },
  {
    kind: 'stac',
    label: 'Static STAC catalog',
    hint: 'A catalog.json (or collection/item) as a file path or an http(s) URL; child and item links are followed.',
    placeholder: 'https://example.org/stac/catalog.json',
    accepts: 'path-or-url',
  },
  {
    kind: 'stac-api',
    label: 'STAC API',
    hint: 'The root URL of a STAC API; Nigah searches /search with the map extent, dates, cloud cover and the collections below.',
    placeholder: 'https://earth-search.aws.element84.com/v1',
    accepts: 'url',
  },
  {
    kind: 'cresda',
    label: 'CRESDA product packages',
    hint: 'GF-1/GF-6 WFV, CBERS-04A, ZY-3 deliveries: a folder (or .tar.gz) holding the GeoTIFF and its XML metadata, or a folder of such packages.',
    placeholder: '/data/cresda/GF1_WFV1_E68.0_N26.5_20220901_L2A',
    accepts: 'path',
  },
  {
    kind: 'openeo',
    label: 'openEO backend',
    hint: 'An openEO API (CDSE, VITO/Terrascope, EODC, EURAC…): analyses too large for this computer run there as batch jobs; their results come back as scenes. The password or client secret is asked for in the openEO panel and kept in the system keychain.',
    placeholder: 'https://openeo.dataspace.copernicus.eu',
    accepts: 'url',
  },
];

export function kindInfo(kind: SourceKind): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}

export function kindLabel(kind: SourceKind): string {
  return kind === 'sample' ? 'Embedded sample' : (kindInfo(kind)?.label ?? kind);
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

function looksLikeUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
}

export interface SourceDraft {
  kind: EditableKind;
  name: string;
  location: string;
  collections: string;
  /** openeo: how to sign in (no secret here). */
  openeo?: OpenEOSourceAuth;
}

/** Field → message for every problem in a draft; empty when it can be saved. */
export function validateDraft(d: SourceDraft): Partial<Record<'name' | 'location' | 'collections', string>> {
  const errors: Partial<Record<'name' | 'location' | 'collections', string>> = {};
  const info = kindInfo(d.kind);
  const name = d.name.trim();
  const loc = d.location.trim();
  if (!name) errors.name = i18n.t('workspace:form.errors.name');
  else if (name.length > 200) errors.name = i18n.t('workspace:form.errors.nameLong');
  if (!loc) {
    errors.location = i18n.t(
      info?.accepts === 'url' ? 'workspace:form.errors.url' : 'workspace:form.errors.path',
    );
  } else if (info?.accepts === 'url') {
    if (!isHttpUrl(loc)) errors.location = i18n.t('workspace:form.errors.needsHttp');
  } else if (info?.accepts === 'path') {
    if (looksLikeUrl(loc)) errors.location = i18n.t('workspace:form.errors.notUrl');
  } else if (looksLikeUrl(loc) && !isHttpUrl(loc)) {
    errors.location = i18n.t('workspace:form.errors.pathOrHttp');
  }
  if (d.collections.split(',').some((c) => /\s/.test(c.trim())))
    errors.collections = i18n.t('workspace:form.errors.collections');
  return errors;
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'source'
  );
}

/** A new source's id: readable and unique among `taken`. */
export function newSourceId(name: string, taken: string[]): string {
  const base = slug(name);
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export function draftToConfig(d: SourceDraft, id: string, enabled: boolean): SourceConfig {
  const collections = d.collections
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    id,
    kind: d.kind,
    name: d.name.trim(),
    location: d.location.trim(),
    enabled,
    ...(d.kind === 'stac-api' && collections.length ? { collections } : {}),
    ...(d.kind === 'openeo' ? { openeo: d.openeo ?? { kind: 'none' } } : {}),
  };
}

export function configToDraft(c: SourceConfig): SourceDraft {
  return {
    kind: c.kind === 'sample' ? 'folder' : c.kind,
    name: c.name,
    location: c.location,
    collections: (c.collections ?? []).join(', '),
    ...(c.openeo ? { openeo: c.openeo } : {}),
  };
}
