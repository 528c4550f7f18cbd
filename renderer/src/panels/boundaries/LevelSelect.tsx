import { useTranslation } from 'react-i18next';

/** The administrative level a boundary layer holds, among `levels`. */
export function LevelSelect<L extends string>({
  levels,
  value,
  onChange,
  testId,
}: {
  levels: readonly L[];
  value: L;
  onChange: (level: L) => void;
  testId: string;
}) {
  const { t } = useTranslation('boundaries');
  return (
    <label>
      {t('add.level')}
      <select value={value} onChange={(e) => onChange(e.target.value as L)} data-testid={testId}>
        {levels.map((l) => (
          <option key={l} value={l}>
            {t(`levels.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
