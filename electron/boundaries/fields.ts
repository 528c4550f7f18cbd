/**
 * Choosing what a boundary layer is called and at which level: the English and Urdu name fields
 * (suggested from common attribute names and from the script of the values) and the level
 * (from the layer name, else the feature count for Pakistan's units).
 */
import type { BoundaryInspection, BoundaryLevel } from '../../shared/contract';
import type { BoundaryRead, PolygonFeature } from './read';

const NAME_FIELDS = [
  'name',
  'NAME',
  'Name',
  'name_en',
  'NAME_EN',
  'shapeName',
  'ADM3_EN',
  'ADM2_EN',
  'ADM1_EN',
  'NAME_3',
  'NAME_2',
  'NAME_1',
  'district',
  'DISTRICT',
  'tehsil',
  'TEHSIL',
  'province',
  'PROVINCE',
];
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

function samples(features: PolygonFeature[], field: string): string[] {
  const out: string[] = [];
  for (const f of features) {
    const v = f.properties[field];
    if (typeof v === 'string' && v.trim() && !out.includes(v.trim())) out.push(v.trim());
    if (out.length >= 3) break;
  }
  return out;
}

export function suggestNameField(fields: string[]): string | undefined {
  return NAME_FIELDS.find((f) => fields.includes(f)) ?? fields[0];
}

export function suggestUrduField(features: PolygonFeature[], fields: string[]): string | undefined {
  const byName = fields.find((f) => /(^|[_:])ur(du)?$/i.test(f));
  if (byName) return byName;
  return fields.find((f) => samples(features, f).some((v) => ARABIC_SCRIPT.test(v)));
}

export function guessLevel(layerName: string, featureCount: number): BoundaryLevel {
  if (/tehsil|taluk|adm3|admin_level[=_ ]?6/i.test(layerName)) return 'tehsil';
  if (/district|adm2/i.test(layerName)) return 'district';
  if (/division/i.test(layerName)) return 'division';
  if (/province|state|adm1|admin1/i.test(layerName)) return 'province';
  if (/country|adm0|admin0/i.test(layerName)) return 'country';
  if (featureCount <= 1) return 'country';
  if (featureCount <= 12) return 'province';
  if (featureCount <= 50) return 'division';
  if (featureCount <= 250) return 'district';
  return 'tehsil';
}

export function inspection(read: BoundaryRead): BoundaryInspection {
  return {
    layers: read.layers,
    layer: read.layer,
    featureCount: read.features.length,
    crs: read.crs,
    fields: read.fields.map((name) => ({ name, samples: samples(read.features, name) })),
    suggested: {
      nameField: suggestNameField(read.fields),
      nameUrField: suggestUrduField(read.features, read.fields),
      level: guessLevel(read.layer, read.features.length),
    },
    problems: read.problems,
  };
}

/** Sets `name` (and `name_ur`) on every feature from the chosen fields; the other properties stay. */
export function applyNames(
  features: PolygonFeature[],
  nameField?: string,
  nameUrField?: string,
): PolygonFeature[] {
  return features.map((f, i) => {
    const props = { ...f.properties };
    const en = nameField ? props[nameField] : props.name;
    props.name =
      typeof en === 'string' && en.trim() ? en.trim() : typeof en === 'number' ? String(en) : `zone ${i + 1}`;
    if (nameUrField) {
      const ur = props[nameUrField];
      if (typeof ur === 'string' && ur.trim()) props.name_ur = ur.trim();
    }
    return { ...f, properties: props };
  });
}

/** At most `max` repair notes, the last saying how many more there were. */
export function capProblems(problems: string[], max = 100): string[] {
  if (problems.length <= max) return problems;
  return [...problems.slice(0, max - 1), `…and ${problems.length - max + 1} more.`];
}
