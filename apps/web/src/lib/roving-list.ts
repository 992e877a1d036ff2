import { useState, type KeyboardEvent } from 'react';

/**
 * A list that is one tab stop (roving tabindex, WAI-ARIA APG): its links take tabindex -1 except one,
 * the last one moved to with the keys, else the open account's (`currentIndex`), else the first.
 * Up/Down/Home/End move between them; Enter follows the link as usual.
 * Put `onKeyDown` on the list, `tabIndexFor(i)` and `data-roving` on each link.
 */
export function useRovingList(currentIndex: number, length: number) {
  const [moved, setMoved] = useState<{ from: number; to: number } | null>(null);
  // A move made with the keys holds the tab stop until the open account changes.
  const at = Math.min(moved && moved.from === currentIndex ? moved.to : Math.max(currentIndex, 0), length - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const links = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-roving]'));
    if (links.length === 0) return;
    const from = links.indexOf(document.activeElement as HTMLElement);
    let to: number;
    if (e.key === 'ArrowDown') to = from < 0 ? 0 : Math.min(from + 1, links.length - 1);
    else if (e.key === 'ArrowUp') to = from < 0 ? 0 : Math.max(from - 1, 0);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = links.length - 1;
    else return;
    e.preventDefault();
    setMoved({ from: currentIndex, to });
    links[to]!.focus();
  };
  return { onKeyDown, tabIndexFor: (i: number) => (i === at ? 0 : -1) };
}
