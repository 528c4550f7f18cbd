/**
 * The result classes' key under the result legend on the map: a swatch in each class's map colour
 * (cloud striped like on the map) and the class name, in the interface language.
 */
import { useTranslation } from 'react-i18next';
import { classColors, classLabelKey } from '../maskStyle';

export function ClassKey({ kind, opacity }: { kind: 'flood' | 'water'; opacity: number }) {
  const { t } = useTranslation('layers');
  // Water maps have no pre-event scene: no flooded cropland or permanent water.
  const colors = classColors(kind).filter((c) => kind === 'flood' || c.code === 1 || c.hatch);
  return (
    <ul className="class-key" data-testid="class-key">
      {colors.map((c) => {
        const rgb = `rgb(${c.rgb[0]}, ${c.rgb[1]}, ${c.rgb[2]})`;
        const background = c.hatch
          ? `repeating-linear-gradient(135deg, ${rgb} 0 2px, transparent 2px 6px)`
          : rgb;
        return (
          <li key={c.code} data-class={classLabelKey(c.code, kind)}>
            <span className="swatch" style={{ background, opacity }} />
            {t(`classes.${classLabelKey(c.code, kind)}`)}
          </li>
        );
      })}
    </ul>
  );
}
