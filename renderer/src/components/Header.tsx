import { useCatalog } from '../state/catalog';

export function Header() {
  const info = useCatalog((s) => s.info);
  return (
    <header className="top">
      <div className="brand">
        <span className="brand-en">Nigah</span>
        <span className="brand-dot">·</span>
        <span className="brand-ur" lang="ur" dir="rtl">
          نگاہ
        </span>
        <span className="brand-sub">Earth observation for Pakistan</span>
      </div>
      <div className="top-right">
        {info && (
          <span className="badge host" title={`${info.name} ${info.version} on ${info.platform}`}>
            {info.host === 'electron' ? 'Desktop' : 'Browser mode'} · v{info.version}
          </span>
        )}
      </div>
    </header>
  );
}
