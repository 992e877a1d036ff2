import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useScriptVersion } from '../api/get-script-version';
import { WordDiffRow } from './word-diff';

/** Texts of a version, step by step (branches as "step / branch"), for comparing two versions. */
function texts(
  steps: { key: string; title: string; text: string; branches?: { key: string; title: string; text: string }[] }[],
) {
  return steps.flatMap((s) => [
    { key: s.key, title: s.title, text: s.text },
    ...(s.branches ?? []).map((b) => ({ key: `${s.key}/${b.key}`, title: `${s.title} / ${b.title}`, text: b.text })),
  ]);
}

/** Two versions side by side, step by step, with the words removed and added marked. */
export function VersionDiff({ fromId, toId, onClose }: { fromId: string; toId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const from = useScriptVersion(fromId);
  const to = useScriptVersion(toId);
  if (from.isPending || to.isPending) return <LoadingState />;
  if (from.isError) return <ErrorState error={from.error} />;
  if (to.isError) return <ErrorState error={to.error} />;
  const before = new Map(texts(from.data.steps).map((x) => [x.key, x]));
  const rows = texts(to.data.steps);
  return (
    <section
      className="panel version-diff"
      aria-label={t('scriptLibrary.compareTitle', { from: from.data.version, to: to.data.version })}
    >
      <div className="spread">
        <h2>{t('scriptLibrary.compareTitle', { from: from.data.version, to: to.data.version })}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('userAdmin.cancel')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table diff-table">
          <thead>
            <tr>
              <th scope="col">{t('scriptLibrary.step')}</th>
              <th scope="col">v{from.data.version}</th>
              <th scope="col">v{to.data.version}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <WordDiffRow key={row.key} title={row.title} before={before.get(row.key)?.text ?? ''} after={row.text} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
