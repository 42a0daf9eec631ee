import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: T[];
  /** Every row is this tall (px): the list draws only the rows in view, so 60,000 findings cost a screenful. */
  rowHeight: number;
  label: string;
  className?: string;
  /** An index to bring into view when it changes (the selected item). */
  reveal?: number;
  render: (item: T, index: number) => ComponentChildren;
}

const OVERSCAN = 6;

/**
 * A list that renders only the rows in view. Up and Down move the focus between rows (so the keyboard reaches every
 * row, not only those drawn), scrolling as they go.
 */
export function VirtualList<T>({ items, rowHeight, label, className, reveal, render }: Props<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(600);
  const focusAfterRender = useRef<number | undefined>(undefined);
  useEffect(() => {
    const element = box.current!;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const element = box.current;
    if (!element || reveal === undefined || reveal < 0) return;
    const top = reveal * rowHeight;
    if (top < element.scrollTop || top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = Math.max(0, top - element.clientHeight / 3);
  }, [reveal, items]);
  useEffect(() => {
    if (focusAfterRender.current === undefined) return;
    const row = box.current?.querySelector<HTMLElement>(`[data-row="${focusAfterRender.current}"] button`);
    focusAfterRender.current = undefined;
    row?.focus();
  });
  const first = Math.max(0, Math.floor(scroll / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scroll + height) / rowHeight) + OVERSCAN);
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!row) return;
    const next = Number(row.dataset.row) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= items.length) return;
    event.preventDefault();
    const element = box.current!;
    const top = next * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    const drawn = element.querySelector<HTMLElement>(`[data-row="${next}"] button`);
    if (drawn) drawn.focus();
    else {
      focusAfterRender.current = next;
      setScroll(element.scrollTop);
    }
  };
  const rows: ComponentChildren[] = [];
  for (let index = first; index < last; index += 1) {
    rows.push(
      <li key={index} data-row={index} style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}>
        {render(items[index]!, index)}
      </li>,
    );
  }
  return (
    <div ref={box} class={`virtual ${className ?? ''}`} onScroll={(event) => setScroll((event.currentTarget as HTMLElement).scrollTop)} onKeyDown={onKeyDown}>
      <ul aria-label={label} style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
