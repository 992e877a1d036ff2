import { diffWords } from 'diff';
import { useTranslation } from 'react-i18next';

/** One row of a side-by-side comparison: the old text with removed words struck, the new with added words marked. */
export function WordDiffRow({ title, before, after }: { title: string; before: string; after: string }) {
  const { t } = useTranslation();
  const parts = diffWords(before, after);
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <tr className={changed ? 'changed' : undefined}>
      <th scope="row">
        {title}
        {changed && <span className="visually-hidden"> ({t('scriptLibrary.changed')})</span>}
      </th>
      <td>
        {parts.map((p, i) =>
          p.added ? null : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>,
        )}
      </td>
      <td>
        {parts.map((p, i) =>
          p.removed ? null : p.added ? <ins key={i}>{p.value}</ins> : <span key={i}>{p.value}</span>,
        )}
      </td>
    </tr>
  );
}
